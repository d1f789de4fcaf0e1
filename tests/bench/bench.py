#!/usr/bin/env python3
"""bench.py — `make bench`: miaopu on a district-sized ledger.

Builds the data set once with miaopu-gen (cached by seed, scale and schema
version), then measures each figure several times and prints the medians
against the targets of DESIGN.md ("How fast, how small"), each beside the
same work done by the sqlite3 command-line program on the same file, as a
ratio (miaopu / sqlite3), so that a slow machine does not hide a slow
program.

The program runs in a real terminal: a pseudo-terminal of 80x24 driven
from here, TERM=xterm-256color, LANG=zh_CN.UTF-8.  With $MIAOPU_TRACE set
it writes "first" when its first screen is drawn and, for each key, the
microseconds from reading the key to the end of the redraw (ui/trace.c).
Start-up is measured from here: from fork to that "first" line.
Peak memory is the maximum resident set of the browsing session (wait4).
"""
import argparse
import curses
import os
import pty
import resource
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import fcntl
import termios

ROWS, COLS = 24, 80
TERM = "xterm-256color"
YEAR = "2025"   # the data's last full year (tests/bench/gen.h BENCH_YEAR)


def ms(x):
    return "%.1f ms" % x if x < 100 else "%.0f ms" % x


def now():
    return time.perf_counter()


class Session:
    """miaopu in a pseudo-terminal, with its trace file."""

    def __init__(self, miaopu, db, env, tmp):
        self.trace_path = os.path.join(tmp, "trace-%d.txt" % int(now() * 1e6))
        env = dict(env, MIAOPU_TRACE=self.trace_path)
        self.keys, self.cpu = [], []
        self.first = None
        self.buf = b""
        argv = [miaopu, "--db", db]
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        # posix_spawn (vfork and exec), not fork: a forked Python would
        # charge the program for copying its own pages before the exec.
        t0 = now()
        pid = os.posix_spawn(miaopu, argv, env, setsid=True, file_actions=[
            (os.POSIX_SPAWN_DUP2, slave, 0), (os.POSIX_SPAWN_DUP2, slave, 1),
            (os.POSIX_SPAWN_DUP2, slave, 2), (os.POSIX_SPAWN_CLOSE, slave)])
        os.close(slave)
        self.pid, self.fd = pid, master
        os.set_blocking(master, False)
        self.tf = None
        self.wait(lambda: self.first is not None, 20)
        self.startup = (self.first - t0) * 1000

    def pump(self):
        try:
            while True:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    break
                self.buf = (self.buf + chunk)[-200000:]
        except (BlockingIOError, OSError):
            pass
        if self.tf is None:
            try:
                self.tf = open(self.trace_path, "r")
            except FileNotFoundError:
                return
        while True:
            line = self.tf.readline()
            if not line or not line.endswith("\n"):
                if line:
                    self.tf.seek(self.tf.tell() - len(line))
                break
            parts = line.split()
            if parts[0] == "first":
                self.first = now()
                self.first_cpu = float(parts[1]) / 1000.0
            elif parts[0] == "key":
                self.keys.append(float(parts[2]))
                self.cpu.append(float(parts[3]) / 1000.0)

    def wait(self, cond, timeout):
        end = now() + timeout
        while now() < end:
            self.pump()
            if cond():
                return
            time.sleep(0.0002)
        raise RuntimeError("miaopu did not answer in %d s; screen tail: %r"
                           % (timeout, self.buf[-400:]))

    def key(self, seq):
        """Send one key, wait for its redraw; its time in ms."""
        n = len(self.keys)
        os.write(self.fd, seq)
        self.wait(lambda: len(self.keys) > n, 30)
        self.last_cpu = self.cpu[n]
        return self.keys[n] / 1000.0

    def peak_mb(self):
        """The program's own peak resident set (VmHWM).  (wait4's maxrss
        would also count the forked Python this program was exec'd from.)"""
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
        return 0.0

    def quit(self, f10):
        os.write(self.fd, f10)
        end = now() + 20
        while now() < end:
            self.pump()
            pid, status, ru = os.wait4(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return ru.ru_maxrss / 1024.0
            time.sleep(0.001)
        os.kill(self.pid, 9)
        raise RuntimeError("miaopu did not quit")


CPU = {}   # command name -> processor times (ms) of its runs


def run(argv, env=None, stdout=subprocess.DEVNULL, stdin=None):
    """Wall time (ms) and peak memory (MB) of one command; fails loudly.
    Its processor time (user + system) is kept in CPU, by command."""
    t0 = now()
    p = subprocess.Popen(argv, env=env, stdout=stdout, stderr=subprocess.PIPE,
                         stdin=stdin)
    _, status, ru = os.wait4(p.pid, 0)
    t = (now() - t0) * 1000
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(argv), err[-600:]))
    name = os.path.basename(argv[0]) + " " + " ".join(
        x for x in argv[1:] if x in ("import", "export", "report"))
    CPU.setdefault(name.strip(), []).append((ru.ru_utime + ru.ru_stime) * 1000)
    return t, ru.ru_maxrss / 1024.0


def sqlite_peak_mb(db, sql):
    """VmHWM of the sqlite3 program after it ran sql (read before it ends)."""
    p = subprocess.Popen(["sqlite3", "-readonly", db], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True)
    p.stdin.write(sql + "\nSELECT 'done';\n")
    p.stdin.flush()
    while p.stdout.readline().strip() != "done":
        pass
    with open("/proc/%d/status" % p.pid) as f:
        hwm = [int(l.split()[1]) for l in f if l.startswith("VmHWM:")][0]
    p.stdin.close()
    p.wait()
    return hwm / 1024.0


def sqlite_per_query(db, sql):
    """ms one query takes inside the sqlite3 program (start-up taken off),
    repeated in one run so that about half a second is measured."""
    def once(n):
        script = ".output /dev/null\n" + (sql.rstrip(";") + ";\n") * n
        t0 = now()
        subprocess.run(["sqlite3", "-readonly", db], input=script.encode(),
                       check=True, stdout=subprocess.DEVNULL)
        return (now() - t0) * 1000
    base = statistics.median(once(0) for _ in range(3))
    reps = max(1, min(200, int(500 / max(once(1) - base, 0.5))))
    full = statistics.median(once(reps) for _ in range(3))
    return max(full - base, 0.001) / reps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--miaopu", required=True)
    ap.add_argument("--gen", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--scale", default="1")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    t_all = now()

    curses.setupterm(TERM)
    k = {name: curses.tigetstr(cap) for name, cap in [
        ("down", "kcud1"), ("pgdn", "knp"), ("pgup", "kpp"), ("end", "kend"),
        ("home", "khome"), ("f10", "kf10"), ("bs", "kbs")]}

    # ---- the data set, made once ----
    os.makedirs(a.data, exist_ok=True)
    schema = subprocess.run([a.gen, "--schema"], check=True,
                            capture_output=True, text=True).stdout.strip()
    key = "s%s-x%s-v%s" % (a.seed, a.scale, schema)
    base = os.path.join(a.data, "ledger-%s.db" % key)
    csv = os.path.join(a.data, "volunteers-%s.csv" % key)
    if not (os.path.exists(base) and os.path.exists(csv)):
        print("bench: making the data set %s (once; cached in %s)" % (key, a.data),
              flush=True)
        for old in os.listdir(a.data):
            os.remove(os.path.join(a.data, old))
        t0 = now()
        subprocess.run([a.gen, "--seed", a.seed, "--scale", a.scale,
                        "--csv", csv, base], check=True)
        print("bench: data set made in %.0f s" % (now() - t0), flush=True)
    tmp = tempfile.mkdtemp(prefix="miaopu-bench-")
    # Everything measured reads the ledger only: it is used where it is,
    # not copied (a copy's write-back would be timed with the start).
    work = base
    only = os.environ.get("BENCH_ONLY", "start,keys,report,import,export").split(",")
    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8", TERM=TERM,
               HOME=tmp, XDG_CONFIG_HOME=os.path.join(tmp, "config"),
               XDG_DATA_HOME=os.path.join(tmp, "data"))
    env.pop("MIAOPU_TODAY", None)
    # Open once so that an older cached file is brought up to this schema
    # (and the file is in the page cache) before anything is timed.
    run([a.miaopu, "--db", work, "export", "groups", "-o", os.path.join(tmp, "g.csv")], env)

    # The day's first start checks the ledger and copies it (in a thread,
    # after the first screen): done here once, so that it does not run
    # under the figures below, as it does not on a working day after the
    # first start.
    if "start" in only or "keys" in only:
        day = os.path.join(os.path.dirname(base), "苗圃备份", "%s-%s.db" % (
            os.path.splitext(os.path.basename(base))[0], time.strftime("%Y-%m-%d")))
        t0 = now()
        s = Session(a.miaopu, work, env, tmp)
        s.wait(lambda: os.path.exists(day), 120)
        daily = (s.startup, now() - t0)
        s.quit(k["f10"])

    notes = []
    if "start" in only or "keys" in only:
        notes.append("the day's first start: first screen after %.1f ms; the day's quick check"
                     " and backup done behind it %.1f s after the start" % daily)
    rows = []   # (figure, target text, target ms or MB, miaopu value, sqlite3 value, unit)

    def add(name, target, limit, value, ref=None, unit="ms", cpu=None):
        rows.append((name, target, limit, value, ref, unit, cpu))
        print("bench: %-50s %8.1f %s  (%.0f s)" % (name, value if value is not None else -1,
              unit, now() - t_all), file=sys.stderr, flush=True)

    # ---- start-up ----
    if "start" in only:
        starts, cpu = [], []
        for _ in range(a.runs):
            s = Session(a.miaopu, work, env, tmp)
            starts.append(s.startup)
            cpu.append(s.first_cpu)
            s.quit(k["f10"])
        sq_start = statistics.median(run(["sqlite3", "-readonly", work,
            "SELECT name, category, legal_status, community FROM groups"
            " WHERE deleted_at IS NULL ORDER BY name, id LIMIT 20"])[0]
            for _ in range(a.runs))
        add("start to first full screen", "<= 40 ms", 40, statistics.median(starts), sq_start,
            cpu=statistics.median(cpu))
        notes.append("start: processor time to the first screen %.1f ms (median)"
                     % statistics.median(cpu))

    # ---- keys in each list, search, memory: one browsing session ----
    per, percpu, search, searchcpu = {}, {}, {1: [], 2: [], 3: []}, {1: [], 2: [], 3: []}
    if "keys" in only:
        s = Session(a.miaopu, work, env, tmp)
        for name, sec in [("groups", b"2"), ("activities", b"3"), ("volunteers", b"4"),
                          ("trainings", b"5"), ("visits", b"6")]:
            t = {"switch": [s.key(sec)], "move": [], "page": [], "end": [], "sort": []}
            c = {kind: [] for kind in t}
            for kind, keys, times in [("move", [k["down"]], 10), ("page", [k["pgdn"]], 5),
                                      ("end", [k["end"], k["home"]], 3), ("sort", [b"s"], 4)]:
                for _ in range(times):
                    for key in keys:
                        t[kind].append(s.key(key))
                        c[kind].append(s.last_cpu)
            per[name] = {kind: statistics.median(v) for kind, v in t.items()}
            percpu[name] = {kind: statistics.median(v) for kind, v in c.items() if v}
        s.key(b"4")
        for name in ["王秀英", "李建国", "张海燕", "陈志强", "刘春梅", "周晓明", "黄淑珍",
                     "杨丽娟", "赵德明", "吴桂兰", "孙志刚", "马春梅", "朱永平", "胡佳欣",
                     "郭海涛"]:
            s.key(b"/")
            for i, ch in enumerate(name):
                search[i + 1].append(s.key(ch.encode()))
                searchcpu[i + 1].append(s.last_cpu)
            s.key(b"\x1b")
        notes.append("keys: processor time per key, median of all %d: %.2f ms, max %.2f ms"
                     % (len(s.cpu), statistics.median(s.cpu), max(s.cpu)))
        rss = s.peak_mb()
        s.quit(k["f10"])
        sq_rss = sqlite_peak_mb(work,
            "SELECT id, name, id_no, vol_no, phone, community FROM volunteers"
            " WHERE deleted_at IS NULL ORDER BY name, id LIMIT 20;")
        add("peak memory while browsing", "<= 10 MB", 10, rss, sq_rss, "MB")
        sq_page = sqlite_per_query(work,
            "SELECT id, name, id_no, vol_no, phone, community FROM volunteers"
            " WHERE deleted_at IS NULL AND (name, id) > ('张', 0) ORDER BY name, id LIMIT 20")
        for kind, label in [("move", "key: move"), ("page", "key: page"),
                            ("end", "key: jump to end/home"), ("sort", "key: change sort")]:
            worst = max(per, key=lambda n: per[n][kind])
            add("%s (slowest: %s)" % (label, worst), "<= 5 ms", 5,
                per[worst][kind], sq_page if kind != "move" else None,
                cpu=max(percpu[n][kind] for n in percpu))
        for n in (1, 2, 3):
            pat = "王秀英"[:n]
            sq = sqlite_per_query(work,
                "SELECT id, name, id_no, vol_no FROM volunteers WHERE deleted_at IS NULL"
                " AND instr(name || char(31) || ifnull(id_no, '') || char(31) ||"
                " ifnull(vol_no, ''), '%s') > 0 ORDER BY name, id LIMIT 20" % pat)
            add("search, %d Chinese character%s (%s volunteers)"
                % (n, "s" if n > 1 else "", "{:,}".format(round(100000 * float(a.scale)))),
                "<= 15 ms" if n < 3 else "<= 2 ms", 15 if n < 3 else 2,
                statistics.median(search[n]), sq, cpu=statistics.median(searchcpu[n]))

    # ---- the annual report ----
    if "report" in only:
        helptext = subprocess.run([a.miaopu, "--help"], env=env, capture_output=True,
                                  text=True).stdout
        if " report" in helptext:
            t = [run([a.miaopu, "--db", work, "report", "--from", YEAR + "-01-01",
                      "--to", YEAR + "-12-31", "-o", os.path.join(tmp, "report.txt")],
                     env)[0] for _ in range(a.runs)]
            sq = run(["sqlite3", "-readonly", work,
                      "SELECT g.category, count(*), sum(h.hours) FROM hours h"
                      " JOIN groups g ON g.id = h.group_id WHERE h.deleted_at IS NULL"
                      " AND h.counts = '是' AND h.date BETWEEN '%s-01-01' AND '%s-12-31'"
                      " GROUP BY g.category" % (YEAR, YEAR)])[0]
            add("annual summary report (%s)" % YEAR, "<= 200 ms", 200,
                statistics.median(t), sq, cpu=statistics.median(CPU["miaopu report"]))
        else:
            add("annual summary report", "<= 200 ms", 200, None)

    # ---- import and export ----
    if "import" in only:
        # The import figures (tests/bench/bench_import.py).
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import bench_import
        for row in bench_import.figures(a, env, tmp, base, csv, a.data, key, run, CPU):
            add(*row)
    if "export" in only:
        out = os.path.join(tmp, "hours.csv")
        t = [run([a.miaopu, "--db", work, "export", "hours", "-o", out], env)[0]
             for _ in range(3)]
        with open(os.path.join(tmp, "sq.csv"), "w") as f:
            sq = statistics.median(run(["sqlite3", "-readonly", "-csv", "-header", work,
                "SELECT h.uuid, v.name, g.name, a.name, h.date, h.content, h.place,"
                " h.hours, h.counts, h.recorder, h.recorded_at, h.late FROM hours h"
                " LEFT JOIN volunteers v ON v.id = h.volunteer_id"
                " LEFT JOIN groups g ON g.id = h.group_id"
                " LEFT JOIN activities a ON a.id = h.activity_id"
                " WHERE h.deleted_at IS NULL ORDER BY h.id"], stdout=f)[0]
                for _ in range(3))
        add("export {:,} service records".format(round(1000000 * float(a.scale))),
            "<= 3000 ms", 3000, statistics.median(t), sq,
            cpu=statistics.median(CPU["miaopu export"]))

    # ---- the table ----
    print()
    print("miaopu bench: seed %s, scale %s, %s; medians of %d runs (keys: of 3-15 presses)"
          % (a.seed, a.scale, os.path.basename(base), a.runs))
    print("miaopu, sqlite3: wall-clock time; ratio = miaopu / sqlite3; cpu = miaopu's processor"
          " time for the same work")
    print("%-50s %10s %10s %10s %7s %10s  %s" % ("figure", "target", "miaopu", "sqlite3",
                                                "ratio", "cpu", ""))
    failed = 0
    for name, target, limit, value, ref, unit, cpu in rows:
        if value is None:
            print("%-50s %10s %10s %10s %7s %10s  %s" % (name, target, "n/a", "", "", "",
                                                         "not available yet"))
            continue
        fmt = ((lambda x: "%.1f MB" % x) if unit == "MB"
               else (lambda x: "%.2fx" % x) if unit == "x" else ms)
        ok = value <= limit
        failed += not ok
        print("%-50s %10s %10s %10s %7s %10s  %s" % (
            name, target, fmt(value), fmt(ref) if ref else "",
            "%.1fx" % (value / ref) if ref else "", ms(cpu) if cpu is not None else "",
            "ok" if ok else "MISSED"))
    print()
    for n in notes:
        print(n)
    print("load average at the end: %.2f %.2f %.2f (other work on the machine slows"
          " every figure)" % os.getloadavg())
    print("keys per list (median ms): " + "; ".join(
        "%s %s" % (n, " ".join("%s %.2f" % (kk, v) for kk, v in per[n].items()))
        for n in per))
    print("search per key (ms): " + "; ".join(
        "%d: %s" % (n, " ".join("%.2f" % v for v in search[n])) for n in search))
    print("bench: %d of %d figures met their targets; %.0f s in all"
          % (len([r for r in rows if r[3] is not None]) - failed, len(rows), now() - t_all))
    shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
