"""bench_import.py — the import figures of `make bench` (issue 15).

- 100,000 volunteers (the generator's CSV of another town) into an empty
  ledger and into the district ledger (a copy of it, whose day's copy is
  already made, as after the day's first start);
- 1,000,000 service records referring to their volunteers by ID number and
  to their groups by name, made from the district ledger's own records
  (two years earlier, so that none is a duplicate), into the district
  ledger;
- each beside sqlite3's `.import` of the same file into a bare table with
  the same indexes (its floor), with peak memory.

Called by bench.py as figures(...); returns rows for its add()."""
import os
import shutil
import statistics
import subprocess

VOL_INDEXES = [
    'CREATE UNIQUE INDEX v1 ON v("证件号码")',
    'CREATE UNIQUE INDEX v2 ON v("志愿者编号")',
    'CREATE INDEX v3 ON v("姓名")',
    'CREATE INDEX v4 ON v("状态", "注册日期", "居住社区")',
]
HOURS_INDEXES = [
    'CREATE INDEX h1 ON v("证件号码", "服务日期")',
    'CREATE INDEX h2 ON v("组织")',
    'CREATE INDEX h3 ON v("服务日期")',
    'CREATE INDEX h4 ON v("服务日期", "证件号码", "服务时长(小时)", "计入志愿服务时长")',
]


def hours_csv(base, data, key):
    """The service records' CSV (made once from the ledger, cached)."""
    path = os.path.join(data, "hours-%s.csv" % key)
    if os.path.exists(path):
        return path
    with open(path + ".part", "w") as f:
        subprocess.run(["sqlite3", "-readonly", "-csv", "-header", base,
                        "SELECT v.id_no AS 证件号码, g.name AS 组织,"
                        " date(h.date, '-2 years') AS 服务日期, h.content AS 服务内容,"
                        " h.place AS 服务地点, h.hours AS \"服务时长(小时)\","
                        " h.counts AS 计入志愿服务时长 FROM hours h"
                        " JOIN volunteers v ON v.id = h.volunteer_id"
                        " LEFT JOIN groups g ON g.id = h.group_id"
                        " WHERE h.deleted_at IS NULL ORDER BY h.id"],
                       check=True, stdout=f)
    os.rename(path + ".part", path)
    return path


def sqlite_floor(run, tmp, csv, indexes, name):
    """sqlite3's .import of csv into a bare table with the indexes: ms, MB."""
    with open(csv, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    cols = ", ".join('%s' % h for h in header)
    db = os.path.join(tmp, "floor-%s.db" % name)
    if os.path.exists(db):
        os.remove(db)
    script = os.path.join(tmp, "floor-%s.sql" % name)
    with open(script, "w") as f:
        f.write("CREATE TABLE v(%s);\n" % cols)
        for ix in indexes:
            f.write(ix + ";\n")
        f.write(".import --csv --skip 1 %s v\n" % csv)
    with open(script) as f:
        t, m = run(["sqlite3", db], stdin=f)
    os.remove(db)
    return t, m


def figures(a, env, tmp, base, csv, data, key, run, cpu, scale=None):
    """Rows (name, target, limit, value, ref, unit, cpu) for bench.py."""
    rows = []
    n = max(1, min(3, a.runs))
    empty = os.path.join(tmp, "empty.db")
    subprocess.run([a.gen, "--empty", empty], check=True)
    scale = float(a.scale if scale is None else scale)

    def one(ledger_from, table, path, copy_first):
        fresh = os.path.join(tmp, "import.db")
        shutil.copyfile(ledger_from, fresh)
        os.chmod(fresh, 0o600)
        if copy_first:
            # The day's copy, as the day's first start makes it (after
            # its quick check): a copy by hand, named as the day's.
            run([a.miaopu, "--db", fresh, "backup"], env)
            folder = os.path.join(tmp, "苗圃备份")
            made = [f for f in os.listdir(folder) if f.endswith(".db")][0]
            os.rename(os.path.join(folder, made),
                      os.path.join(folder, made[:len("import-") + 10] + ".db"))
        cpu.pop("miaopu import", None)
        t, m = run([a.miaopu, "--db", fresh, "import", table, path], env)
        c = cpu["miaopu import"][0]
        os.remove(fresh)
        shutil.rmtree(os.path.join(tmp, "苗圃备份"), ignore_errors=True)
        return t, m, c

    vols = "{:,}".format(round(100000 * scale))
    for where, ledger in [("an empty ledger", empty), ("the district ledger", base)]:
        res = [one(ledger, "volunteers", csv, ledger is base) for _ in range(n)]
        rows.append(("import %s volunteers into %s" % (vols, where), "<= 1000 ms", 1000,
                     statistics.median(r[0] for r in res), None, "ms",
                     statistics.median(r[2] for r in res)))
        rows.append(("  its peak memory", "<= 32 MB", 32, max(r[1] for r in res),
                     None, "MB", None))
        if ledger is empty:
            into_empty = rows[-2][3]
            fl = [sqlite_floor(run, tmp, csv, VOL_INDEXES, "v") for _ in range(n)]
            rows[-2] = rows[-2][:4] + (statistics.median(f[0] for f in fl),) + rows[-2][5:]
    rows.append(("  district / empty ledger", "<= 1.2x", 1.2, rows[-2][3] / into_empty,
                 None, "x", None))

    # 10,000,000 service records at 10x would take hours: the service
    # records' import is measured up to 1x.
    if os.environ.get("BENCH_IMPORT_HOURS", "1") == "0" or scale > 1:
        return rows
    hcsv = hours_csv(base, data, key)
    hrs = "{:,}".format(round(1000000 * scale))
    res = [one(base, "hours", hcsv, True) for _ in range(max(1, n - 2))]
    fl = sqlite_floor(run, tmp, hcsv, HOURS_INDEXES, "h")
    rows.append(("import %s service records (by ID number, group)" % hrs, "<= 8000 ms",
                 8000, statistics.median(r[0] for r in res), fl[0], "ms",
                 statistics.median(r[2] for r in res)))
    rows.append(("  its peak memory", "<= 32 MB", 32, max(r[1] for r in res), None,
                 "MB", None))
    return rows
