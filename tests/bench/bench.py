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

Every figure is also measured on ledgers of a tenth of the scale and of
the scale itself (and ten times the district when that data set is made,
as `make bench BENCH_SCALE=10` does), and the bench ends with a growth
table: each figure's time with its peak memory beside it, at 0.1x, 1x and
10x, so that what grows with the data shows.  Each data set is cached
under its own name; making the 10x one takes the better part of an hour
on a loaded 2-core machine.
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


TIME = "/usr/bin/time"   # GNU time (Debian package time): a small parent


def run(argv, env=None, stdout=subprocess.DEVNULL, stdin=None):
    """Wall time (ms) and peak memory (MB) of one command; fails loudly.
    Its processor time (user + system) is kept in CPU, by command.

    The peak memory is the command's maximum resident set as GNU time
    reports it: the maximum resident set that wait4 gives for a child of
    this Python would be Python's own (tens of MB), since a vfork'd child
    is charged its parent's pages at the exec."""
    fd, memfile = tempfile.mkstemp(prefix="miaopu-bench-rss-")
    os.close(fd)
    timed = os.access(TIME, os.X_OK)
    full = [TIME, "-f", "%M", "-o", memfile] + argv if timed else argv
    t0 = now()
    p = subprocess.Popen(full, env=env, stdout=stdout, stderr=subprocess.PIPE,
                         stdin=stdin)
    _, status, ru = os.wait4(p.pid, 0)
    t = (now() - t0) * 1000
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    with open(memfile) as f:
        lines = [x for x in f.read().split() if x.isdigit()]
    os.remove(memfile)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(argv), err[-600:]))
    prog = os.path.basename(argv[0])
    prog = "miaopu" if prog.startswith("miaopu") and "gen" not in prog else prog
    name = prog + " " + " ".join(
        x for x in argv[1:] if x in ("import", "export", "report"))
    CPU.setdefault(name.strip(), []).append((ru.ru_utime + ru.ru_stime) * 1000)
    rss = int(lines[-1]) / 1024.0 if timed and lines else ru.ru_maxrss / 1024.0
    return t, rss


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


def sqlite_per_query(db, sql, runs=3):
    """ms one query takes inside the sqlite3 program (start-up taken off),
    repeated in one run so that about half a second is measured (a query
    that alone takes longer, as instr() over a million volunteers does,
    is timed from the first run and `runs` more)."""
    def once(n):
        script = ".output /dev/null\n" + (sql.rstrip(";") + ";\n") * n
        t0 = now()
        subprocess.run(["sqlite3", "-readonly", db], input=script.encode(),
                       check=True, stdout=subprocess.DEVNULL)
        return (now() - t0) * 1000
    base = statistics.median(once(0) for _ in range(3))
    first = once(1)
    reps = max(1, min(200, int(500 / max(first - base, 0.5))))
    if reps == 1:
        full = statistics.median([first] + [once(1) for _ in range(runs - 1)])
    else:
        full = statistics.median(once(reps) for _ in range(runs))
    return max(full - base, 0.001) / reps


SCALES = ["0.1", "1", "10"]   # the growth table's columns

# The projects section's lists: the keys that reach each (the last one
# timed as the switch).  "8": the 项目 section of rounds
# (src/ledger/sections.c); Enter opens the first round, F5 its related
# lists, Enter the first of them: the round's applications.
PROJECT_LISTS = [("rounds", [b"8"]), ("applications", [b"\r", "f5", b"\r"])]


def dataset(a, scale):
    """The ledger and volunteers' CSV of this scale, made once and kept
    (other scales' files are left alone; a stale schema's are removed)."""
    os.makedirs(a.data, exist_ok=True)
    schema = subprocess.run([a.gen, "--schema"], check=True,
                            capture_output=True, text=True).stdout.strip()
    key = "s%s-x%s-v%s" % (a.seed, scale, schema)
    base = os.path.join(a.data, "ledger-%s.db" % key)
    csv = os.path.join(a.data, "volunteers-%s.csv" % key)
    if not (os.path.exists(base) and os.path.exists(csv)):
        upgrade(a, scale, schema, base, csv)
    if not (os.path.exists(base) and os.path.exists(csv)):
        print("bench: making the data set %s (once; cached in %s)" % (key, a.data),
              flush=True)
        mine = "-s%s-x%s-v" % (a.seed, scale)
        for old in os.listdir(a.data):
            if mine in old and key not in old:
                os.remove(os.path.join(a.data, old))
        t0 = now()
        subprocess.run([a.gen, "--seed", a.seed, "--scale", scale,
                        "--csv", csv, base], check=True)
        print("bench: data set made in %.0f s" % (now() - t0), flush=True)
    return base, csv


def projects_dataset(a):
    """The ledger at 杭州's scale for the funding rounds' figures (13
    rounds, 8,000 projects, 40,000 payments, 100,000 activities linked to
    projects) beside a tenth of a district's groups and volunteers: made
    once by `miaopu-gen --projects 1 --scale 0.1` and cached as the others,
    under its own name."""
    os.makedirs(a.data, exist_ok=True)
    schema = subprocess.run([a.gen, "--schema", "--projects", "1"], check=True,
                            capture_output=True, text=True).stdout.strip()
    key = "s%s-p1-x0.1-v%s" % (a.seed, schema)
    base = os.path.join(a.data, "ledger-%s.db" % key)
    if not os.path.exists(base):
        print("bench: making the data set %s (once; cached in %s)" % (key, a.data),
              flush=True)
        mine = "-s%s-p1-x0.1-v" % a.seed
        for old in os.listdir(a.data):
            if mine in old and key not in old:
                os.remove(os.path.join(a.data, old))
        t0 = now()
        subprocess.run([a.gen, "--seed", a.seed, "--scale", "0.1",
                        "--projects", "1", base], check=True)
        print("bench: data set made in %.0f s" % (now() - t0), flush=True)
    return base


def measure_projects(a, runs, k, t_all):
    """The funding rounds at 杭州's scale: keys in the projects section's
    list (the rounds, then the applications) <= 5 ms, and the report of
    one round <= 200 ms (`miaopu report --round`)."""
    base = projects_dataset(a)
    tmp = tempfile.mkdtemp(prefix="miaopu-bench-")
    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8", TERM=TERM,
               HOME=tmp, XDG_CONFIG_HOME=os.path.join(tmp, "config"),
               XDG_DATA_HOME=os.path.join(tmp, "data"))
    env.pop("MIAOPU_TODAY", None)
    run([a.miaopu, "--db", base, "export", "rounds", "-o", os.path.join(tmp, "r.csv")], env)
    rows = []

    def add(key, name, target, limit, value, ref=None, unit="ms", cpu=None, mem=None):
        rows.append((key, name, target, limit, value, ref, unit, cpu, mem))
        print("bench: %5s  %-50s %8.1f %s  (%.0f s)" % ("hz", name,
              value if value is not None else -1, unit, now() - t_all),
              file=sys.stderr, flush=True)

    # The largest round's name, for its report.
    big = subprocess.run(["sqlite3", "-readonly", base,
                          "SELECT r.name FROM rounds r JOIN applications a"
                          " ON a.round_id = r.id GROUP BY r.id"
                          " ORDER BY count(*) DESC LIMIT 1"],
                         check=True, capture_output=True, text=True).stdout.strip()
    # ---- keys in the projects section: the rounds, the applications ----
    s = Session(a.miaopu, base, env, tmp)
    # The first day's check and backup run behind the first screen: let
    # them finish before anything is timed.
    day = os.path.join(os.path.dirname(base), "苗圃备份", "%s-%s.db" % (
        os.path.splitext(os.path.basename(base))[0], time.strftime("%Y-%m-%d")))
    s.wait(lambda: os.path.exists(day), 120)
    per, cpu = {}, {}
    for name, keys in PROJECT_LISTS:
        keys = [k[x] if isinstance(x, str) else x for x in keys]
        for key in keys[:-1]:
            s.key(key)
        t = {"switch": [s.key(keys[-1])], "move": [], "page": [], "end": [], "sort": []}
        c = {kind: [] for kind in t}
        for kind, ks, times in [("move", [k["down"]], 10), ("page", [k["pgdn"]], 5),
                                ("end", [k["end"], k["home"]], 3), ("sort", [b"s"], 4)]:
            for _ in range(times):
                for key in ks:
                    t[kind].append(s.key(key))
                    c[kind].append(s.last_cpu)
        per[name] = {kind: statistics.median(v) for kind, v in t.items()}
        cpu[name] = {kind: statistics.median(v) for kind, v in c.items() if v}
    rss = s.peak_mb()
    s.quit(k["f10"])
    sq_page = sqlite_per_query(base,
        "SELECT id, name, state, requested, granted FROM applications"
        " WHERE deleted_at IS NULL AND (name, id) > ('社区', 0) ORDER BY name, id LIMIT 20")
    for kind, label in [("move", "projects key: move"), ("page", "projects key: page"),
                        ("end", "projects key: jump to end/home"),
                        ("sort", "projects key: change sort")]:
        worst = max(per, key=lambda n: per[n][kind])
        add("projects " + kind, "%s (slowest: %s)" % (label, worst), "<= 5 ms", 5,
            per[worst][kind], sq_page if kind != "move" else None,
            cpu=max(cpu[n][kind] for n in cpu), mem=rss)
    notes = ["projects keys per list (median ms): " + "; ".join(
        "%s %s" % (n, " ".join("%s %.2f" % (kk, v) for kk, v in per[n].items()))
        for n in per)]

    # ---- the report of one round: 200 ms ----
    CPU.pop("miaopu report", None)
    r = [run([a.miaopu, "--db", base, "report", "--round", big,
              "-o", os.path.join(tmp, "round.txt")], env) for _ in range(runs)]
    sq = run(["sqlite3", "-readonly", base,
              "SELECT a.category, count(*), sum(a.granted) FROM applications a"
              " JOIN rounds r ON r.id = a.round_id WHERE r.name = '%s'"
              " AND a.deleted_at IS NULL GROUP BY a.category" % big.replace("'", "''")])[0]
    add("round report", "report of one round (%s)" % big, "<= 200 ms", 200,
        statistics.median(x[0] for x in r), sq,
        cpu=statistics.median(CPU["miaopu report"]), mem=max(x[1] for x in r))
    shutil.rmtree(tmp, ignore_errors=True)
    return rows, notes


# The incubation lists of the growth data set (issue 17): "9" the 基地
# section of bases; Enter opens the first base, F5 its related lists,
# Enter the first: the base's stays; Esc back to the base, F5, Down,
# Enter: its services.
GROWTH_LISTS = [("bases", [b"9"]), ("stays", [b"\r", "f5", b"\r"]),
                ("services", [b"\x1b", "f5", "down", b"\r"])]


def growth_dataset(a, scale="1"):
    """The district's ledger with how its groups grew (issue 17): 63
    incubation bases, 5,000 stays over ten years and 100,000 services at
    1x, added by `miaopu-gen --growth` onto a copy of the district's
    cached ledger (of this schema, or an older one that the copy's
    opening brings up to it), and cached as the others, under its own
    name."""
    os.makedirs(a.data, exist_ok=True)
    schema = subprocess.run([a.gen, "--schema", "--growth"], check=True,
                            capture_output=True, text=True).stdout.strip()
    key = "s%s-g-x%s-v%s" % (a.seed, scale, schema)
    base = os.path.join(a.data, "ledger-%s.db" % key)
    if os.path.exists(base):
        return base
    version, gen = schema.split("-")[:2]
    district = None
    for v in range(int(version), 0, -1):
        d = os.path.join(a.data, "ledger-s%s-x%s-v%d-%s.db" % (a.seed, scale, v, gen))
        if os.path.exists(d):
            district = d
            break
    if district is None:
        district = dataset(a, scale)[0]
    print("bench: making the data set %s from %s (once; cached in %s)"
          % (key, os.path.basename(district), a.data), flush=True)
    mine = "-s%s-g-x%s-v" % (a.seed, scale)
    for old in os.listdir(a.data):
        if mine in old and key not in old:
            os.remove(os.path.join(a.data, old))
    t0 = now()
    shutil.copyfile(district, base + ".part")
    os.chmod(base + ".part", 0o600)
    subprocess.run([a.gen, "--seed", a.seed, "--scale", scale, "--growth",
                    base + ".part"], check=True)
    # The copy an upgrade kept of the older file is not needed here.
    folder = os.path.join(a.data, "苗圃备份")
    for f in os.listdir(folder) if os.path.isdir(folder) else []:
        if "before-upgrade" in f and f.startswith(os.path.basename(base)[:-3]):
            os.remove(os.path.join(folder, f))
    os.rename(base + ".part", base)
    print("bench: data set made in %.0f s" % (now() - t0), flush=True)
    return base


def measure_growth(a, runs, k, t_all):
    """How the groups grew, on the district with its incubation bases,
    stays and services: the first screen (<= 40 ms), keys in the new
    lists (the bases, a base's stays and its services) <= 5 ms, and the
    annual summary report with the growth parts <= 200 ms."""
    base = growth_dataset(a)
    tmp = tempfile.mkdtemp(prefix="miaopu-bench-")
    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8", TERM=TERM,
               HOME=tmp, XDG_CONFIG_HOME=os.path.join(tmp, "config"),
               XDG_DATA_HOME=os.path.join(tmp, "data"))
    env.pop("MIAOPU_TODAY", None)
    run([a.miaopu, "--db", base, "export", "bases", "-o", os.path.join(tmp, "b.csv")], env)
    rows = []

    def add(key, name, target, limit, value, ref=None, unit="ms", cpu=None, mem=None):
        rows.append((key, name, target, limit, value, ref, unit, cpu, mem))
        print("bench: %5s  %-50s %8.1f %s  (%.0f s)" % ("grow", name,
              value if value is not None else -1, unit, now() - t_all),
              file=sys.stderr, flush=True)

    # The day's first check and backup run behind the first screen: let
    # them finish before anything is timed.
    day = os.path.join(os.path.dirname(base), "苗圃备份", "%s-%s.db" % (
        os.path.splitext(os.path.basename(base))[0], time.strftime("%Y-%m-%d")))
    s = Session(a.miaopu, base, env, tmp)
    s.wait(lambda: os.path.exists(day), 120)
    s.quit(k["f10"])
    starts, scpu = [], []
    for _ in range(runs):
        s = Session(a.miaopu, base, env, tmp)
        starts.append(s.startup)
        scpu.append(s.first_cpu)
        s.quit(k["f10"])
    add("growth start", "start to first full screen (growth data)", "<= 40 ms", 40,
        statistics.median(starts), cpu=statistics.median(scpu))

    # ---- keys in the incubation lists ----
    s = Session(a.miaopu, base, env, tmp)
    per, cpu = {}, {}
    for name, keys in GROWTH_LISTS:
        keys = [k[x] if isinstance(x, str) else x for x in keys]
        for key in keys[:-1]:
            s.key(key)
        t = {"switch": [s.key(keys[-1])], "move": [], "page": [], "end": [], "sort": []}
        c = {kind: [] for kind in t}
        c["switch"].append(s.last_cpu)
        for kind, ks, times in [("move", [k["down"]], 10), ("page", [k["pgdn"]], 5),
                                ("end", [k["end"], k["home"]], 3), ("sort", [b"s"], 4)]:
            for _ in range(times):
                for key in ks:
                    t[kind].append(s.key(key))
                    c[kind].append(s.last_cpu)
        per[name] = {kind: statistics.median(v) for kind, v in t.items()}
        cpu[name] = {kind: statistics.median(v) for kind, v in c.items() if v}
    rss = s.peak_mb()
    s.quit(k["f10"])
    sq_page = sqlite_per_query(base,
        "SELECT id, group_id, date, kind, hours, amount, given_by FROM base_services"
        " WHERE deleted_at IS NULL AND base_id = 1 AND (date, id) < ('2025-01-01', 0)"
        " ORDER BY date DESC, id DESC LIMIT 20")
    # (Opening a list is in the notes, as the projects' lists have it: one
    # press each, not a median.)
    for kind, label in [("move", "growth key: move"),
                        ("page", "growth key: page"), ("end", "growth key: jump to end/home"),
                        ("sort", "growth key: change sort")]:
        worst = max(per, key=lambda n: per[n][kind])
        add("growth " + kind, "%s (slowest: %s)" % (label, worst), "<= 5 ms", 5,
            per[worst][kind], sq_page if kind != "move" else None,
            cpu=max(cpu[n][kind] for n in cpu), mem=rss)
    notes = ["growth keys per list (median ms): " + "; ".join(
        "%s %s" % (n, " ".join("%s %.2f" % (kk, v) for kk, v in per[n].items()))
        for n in per)]

    # ---- the annual report with the growth parts: 200 ms ----
    CPU.pop("miaopu report", None)
    r = [run([a.miaopu, "--db", base, "report", "--from", YEAR + "-01-01",
              "--to", YEAR + "-12-31", "-o", os.path.join(tmp, "report.txt")], env)
         for _ in range(runs)]
    sq = run(["sqlite3", "-readonly", base,
              "SELECT base_id, kind, count(*), sum(hours), sum(amount) FROM base_services"
              " WHERE deleted_at IS NULL AND date BETWEEN '%s-01-01' AND '%s-12-31'"
              " GROUP BY base_id, kind" % (YEAR, YEAR)])[0]
    add("growth report", "annual summary report with growth (%s)" % YEAR, "<= 200 ms", 200,
        statistics.median(x[0] for x in r), sq,
        cpu=statistics.median(CPU["miaopu report"]), mem=max(x[1] for x in r))
    shutil.rmtree(tmp, ignore_errors=True)
    return rows, notes


def upgrade(a, scale, schema, base, csv):
    """The data set of an older schema made by the same generator, copied
    under this schema's name and brought up to it by opening it (miaopu
    runs the steps after its version): what the generator would make, in
    a minute where making the ten districts' set again takes an hour.
    The older files are left for the programs that still read them."""
    version, gen = schema.split("-")
    for v in range(int(version) - 1, 0, -1):
        key = "s%s-x%s-v%d-%s" % (a.seed, scale, v, gen)
        old = os.path.join(a.data, "ledger-%s.db" % key)
        oldcsv = os.path.join(a.data, "volunteers-%s.csv" % key)
        if not (os.path.exists(old) and os.path.exists(oldcsv)):
            continue
        print("bench: bringing the data set %s up to schema %s" % (key, version), flush=True)
        t0 = now()
        shutil.copyfile(old, base + ".part")
        os.chmod(base + ".part", 0o600)
        tmp = tempfile.mkdtemp(prefix="miaopu-bench-")
        env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=os.path.join(tmp, "config"),
                   XDG_DATA_HOME=os.path.join(tmp, "data"))
        subprocess.run([a.miaopu, "--db", base + ".part", "export", "groups", "-o",
                        os.path.join(tmp, "g.csv")], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)
        # The copy the upgrade kept of the older file is not needed here.
        folder = os.path.join(a.data, "苗圃备份")
        for f in os.listdir(folder) if os.path.isdir(folder) else []:
            if "before-upgrade" in f and f.startswith(os.path.splitext(os.path.basename(base))[0]):
                os.remove(os.path.join(folder, f))
        os.rename(base + ".part", base)
        shutil.copyfile(oldcsv, csv)
        print("bench: data set upgraded in %.0f s" % (now() - t0), flush=True)
        return


def made(a, scale):
    schema = subprocess.run([a.gen, "--schema"], check=True,
                            capture_output=True, text=True).stdout.strip()
    return os.path.exists(os.path.join(a.data, "ledger-s%s-x%s-v%s.db"
                                       % (a.seed, scale, schema)))


def measure(a, scale, runs, only, k, t_all):
    """Every figure on the ledger of this scale: a list of rows
    (key, name, target text, limit, value, sqlite3's value, unit, cpu, MB)
    and notes.  limit is a number in unit, or ("x", r): at most r times
    sqlite3's own time; None where the figure has no target at this
    scale."""
    base, csv = dataset(a, scale)
    sc = float(scale)
    tmp = tempfile.mkdtemp(prefix="miaopu-bench-")
    # Everything measured reads the ledger only: it is used where it is,
    # not copied (a copy's write-back would be timed with the start).
    work = base
    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8", TERM=TERM,
               HOME=tmp, XDG_CONFIG_HOME=os.path.join(tmp, "config"),
               XDG_DATA_HOME=os.path.join(tmp, "data"))
    env.pop("MIAOPU_TODAY", None)
    # Open once so that an older cached file is brought up to this schema
    # (and the file is in the page cache) before anything is timed.
    run([a.miaopu, "--db", work, "export", "groups", "-o", os.path.join(tmp, "g.csv")], env)

    notes = []
    rows = []

    def add(key, name, target, limit, value, ref=None, unit="ms", cpu=None, mem=None):
        rows.append((key, name, target, limit, value, ref, unit, cpu, mem))
        print("bench: %5sx %-50s %8.1f %s  (%.0f s)" % (scale, name,
              value if value is not None else -1, unit, now() - t_all),
              file=sys.stderr, flush=True)

    # The day's first start checks the ledger and copies it (in a thread,
    # after the first screen): done here once, so that it does not run
    # under the figures below, as it does not on a working day after the
    # first start.
    if "start" in only or "keys" in only:
        day = os.path.join(os.path.dirname(base), "苗圃备份", "%s-%s.db" % (
            os.path.splitext(os.path.basename(base))[0], time.strftime("%Y-%m-%d")))
        t0 = now()
        s = Session(a.miaopu, work, env, tmp)
        s.wait(lambda: os.path.exists(day), max(120, 120 * sc))
        daily = (s.startup, now() - t0)
        s.quit(k["f10"])
        notes.append("the day's first start: first screen after %.1f ms; the day's quick check"
                     " and backup done behind it %.1f s after the start" % daily)

    # ---- start-up ----
    if "start" in only:
        starts, cpu, mem = [], [], []
        for _ in range(runs):
            s = Session(a.miaopu, work, env, tmp)
            starts.append(s.startup)
            cpu.append(s.first_cpu)
            mem.append(s.peak_mb())
            s.quit(k["f10"])
        sq_start = statistics.median(run(["sqlite3", "-readonly", work,
            "SELECT name, category, legal_status, community FROM groups"
            " WHERE deleted_at IS NULL ORDER BY name, id LIMIT 20"])[0]
            for _ in range(runs))
        add("start", "start to first full screen", "<= 40 ms", 40, statistics.median(starts),
            sq_start, cpu=statistics.median(cpu), mem=max(mem))
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
        add("browse", "peak memory while browsing", "<= 10 MB", 10, rss, sq_rss, "MB", mem=rss)
        sq_page = sqlite_per_query(work,
            "SELECT id, name, id_no, vol_no, phone, community FROM volunteers"
            " WHERE deleted_at IS NULL AND (name, id) > ('张', 0) ORDER BY name, id LIMIT 20")
        for kind, label in [("move", "key: move"), ("page", "key: page"),
                            ("end", "key: jump to end/home"), ("sort", "key: change sort")]:
            worst = max(per, key=lambda n: per[n][kind])
            add("key " + kind, "%s (slowest: %s)" % (label, worst), "<= 5 ms", 5,
                per[worst][kind], sq_page if kind != "move" else None,
                cpu=max(percpu[n][kind] for n in percpu), mem=rss)
        for n in (1, 2, 3):
            pat = "王秀英"[:n]
            sq = sqlite_per_query(work,
                "SELECT id, name, id_no, vol_no FROM volunteers WHERE deleted_at IS NULL"
                " AND instr(name || char(31) || ifnull(id_no, '') || char(31) ||"
                " ifnull(vol_no, ''), '%s') > 0 ORDER BY name, id LIMIT 20" % pat,
                runs=3 if sc <= 1 else 1)
            add("search %d" % n, "search, %d Chinese character%s (%s volunteers)"
                % (n, "s" if n > 1 else "", "{:,}".format(round(100000 * sc))),
                "<= 15 ms" if n < 3 else "<= 2 ms", 15 if n < 3 else 2,
                statistics.median(search[n]), sq, cpu=statistics.median(searchcpu[n]),
                mem=rss)
        notes.append("keys per list (median ms): " + "; ".join(
            "%s %s" % (n, " ".join("%s %.2f" % (kk, v) for kk, v in per[n].items()))
            for n in per))
        notes.append("search per key (ms): " + "; ".join(
            "%d: %s" % (n, " ".join("%.2f" % v for v in search[n])) for n in search))

    # ---- the annual report: 100 ms at a district, 500 ms at ten ----
    if "report" in only:
        CPU.pop("miaopu report", None)
        r = [run([a.miaopu, "--db", work, "report", "--from", YEAR + "-01-01",
                  "--to", YEAR + "-12-31", "-o", os.path.join(tmp, "report.txt")], env)
             for _ in range(runs)]
        # sqlite3 summing a year's records by the groups' category: what
        # the report would cost without the summaries it reads.  At ten
        # districts it takes minutes (100 s on 2 cores): measured up to 1x.
        sq = run(["sqlite3", "-readonly", work,
                  "SELECT g.category, count(*), sum(h.hours) FROM hours h"
                  " JOIN groups g ON g.id = h.group_id WHERE h.deleted_at IS NULL"
                  " AND h.counts = '是' AND h.date BETWEEN '%s-01-01' AND '%s-12-31'"
                  " GROUP BY g.category" % (YEAR, YEAR)])[0] if sc <= 1 else None
        limit = 100 if sc <= 1 else 500 if sc <= 10 else None
        add("report", "annual summary report (%s)" % YEAR,
            "<= %d ms" % limit if limit else "", limit,
            statistics.median(x[0] for x in r), sq,
            cpu=statistics.median(CPU["miaopu report"]), mem=max(x[1] for x in r))

    # ---- import and export ----
    if "import" in only:
        # The import figures (tests/bench/bench_import.py): into an
        # empty ledger and into this scale's, with sqlite3's own .import
        # of the same file as the floor, and their peak memory.
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import bench_import
        dkey = os.path.basename(base)[len("ledger-"):-len(".db")]
        # Above a district each import copies a ledger of gigabytes
        # twice: one run of each, for the bench to end within 30 minutes.
        ia = argparse.Namespace(**dict(vars(a), runs=a.runs if sc <= 1 else 1))
        for name, target, limit, value, ref, unit, cpu in bench_import.figures(
                ia, env, tmp, base, csv, a.data, dkey, run, CPU, scale=sc):
            add("import: " + name.strip(), name, target if sc <= 1 else "",
                limit if sc <= 1 else None, value, ref, unit=unit, cpu=cpu,
                mem=value if unit == "MB" else None)
    if "export" in only:
        CPU.pop("miaopu export", None)
        out = os.path.join(tmp, "hours.csv")
        r = [run([a.miaopu, "--db", work, "export", "hours", "-o", out], env)
             for _ in range(3 if sc <= 1 else 1)]
        with open(os.path.join(tmp, "sq.csv"), "w") as f:
            sq = statistics.median(run(["sqlite3", "-readonly", "-csv", "-header", work,
                "SELECT h.uuid, v.name, g.name, a.name, h.date, h.content, h.place,"
                " h.hours, h.counts, h.recorder, h.recorded_at, h.late FROM hours h"
                " LEFT JOIN volunteers v ON v.id = h.volunteer_id"
                " LEFT JOIN groups g ON g.id = h.group_id"
                " LEFT JOIN activities a ON a.id = h.activity_id"
                " WHERE h.deleted_at IS NULL ORDER BY h.id"], stdout=f)[0]
                for _ in range(3 if sc <= 1 else 1))
        os.remove(out)
        os.remove(os.path.join(tmp, "sq.csv"))
        mem = max(x[1] for x in r)
        add("export", "export {:,} service records (CSV)".format(round(1000000 * sc)),
            "<= 1500 ms" if sc <= 1 else "", 1500 if sc <= 1 else None,
            statistics.median(x[0] for x in r), sq,
            cpu=statistics.median(CPU["miaopu export"]), mem=mem)
        add("export memory", "peak memory of the CSV export", "<= 32 MB", 32, mem,
            unit="MB", mem=mem)
        have_xlsx = "xlsx" in subprocess.run([a.miaopu, "--help"], env=env,
                                             capture_output=True, text=True).stdout
        if have_xlsx:
            xo = os.path.join(tmp, "volunteers.xlsx")
            t, m = run([a.miaopu, "--db", work, "export", "volunteers", "--format", "xlsx",
                        "-o", xo], env)
            os.remove(xo)
            add("export xlsx", "export {:,} volunteers (XLSX)".format(round(100000 * sc)),
                "", None, t, mem=m)
            add("export xlsx memory", "peak memory of the XLSX export", "<= 32 MB", 32, m,
                unit="MB", mem=m)

    # ---- check: the whole file, and quickly ----
    if "check" in only:
        t, m = run([a.miaopu, "--db", work, "check"], env)
        sq = run(["sqlite3", "-readonly", work, "PRAGMA integrity_check;"
                  " PRAGMA foreign_key_check;"])[0]
        add("check", "check (integrity and links)", "<= 1.1x sqlite3", ("x", 1.1), t, sq,
            mem=m)
        r = [run([a.miaopu, "--db", work, "check", "--quick"], env) for _ in range(runs if sc <= 1 else 1)]
        sq = run(["sqlite3", "-readonly", work, "PRAGMA quick_check; PRAGMA foreign_key_check;"])[0]
        add("check quick", "check --quick", "<= 5000 ms" if sc <= 1 else "",
            5000 if sc <= 1 else None, statistics.median(x[0] for x in r), sq,
            mem=max(x[1] for x in r))
    shutil.rmtree(tmp, ignore_errors=True)
    return rows, notes


def met(limit, value, ref):
    if limit is None or value is None:
        return None
    if isinstance(limit, tuple):
        return ref is not None and value <= limit[1] * ref
    return value <= limit


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
        ("home", "khome"), ("f5", "kf5"), ("f10", "kf10"), ("bs", "kbs")]}
    only = os.environ.get("BENCH_ONLY",
                          "start,keys,report,import,export,check,projects,growth").split(",")
    # The district's figures (BENCH_ONLY=projects measures the funding
    # rounds alone, without making the district's data set; growth the
    # issue 17 figures alone, on the district with its bases and stays).
    district = [x for x in only if x not in ("projects", "growth")]
    growth = os.environ.get("BENCH_GROWTH", "yes") != "no" and bool(district)
    rows, notes = measure(a, a.scale, a.runs, only, k, t_all) if district else ([], [])
    if "projects" in only:
        prow, pnotes = measure_projects(a, a.runs, k, t_all)
        rows += prow
        notes += pnotes
    if "growth" in only:
        grow, gnotes = measure_growth(a, a.runs, k, t_all)
        rows += grow
        notes += gnotes
    by_scale = {a.scale: rows}
    if growth:
        # The other columns of the growth table: a tenth and the district
        # always (made in a minute), ten districts when its data is there.
        for sc in SCALES:
            if sc in by_scale or (float(sc) > float(a.scale) and not made(a, sc)):
                continue
            by_scale[sc] = measure(a, sc, 3, only, k, t_all)[0]

    # ---- the table ----
    print()
    print("miaopu bench: seed %s, scale %s; medians of %d runs (keys: of 3-15 presses)"
          % (a.seed, a.scale, a.runs))
    print("miaopu, sqlite3: wall-clock time; ratio = miaopu / sqlite3; cpu = miaopu's processor"
          " time for the same work; MB = miaopu's peak resident memory")
    print("%-50s %15s %10s %10s %7s %10s %8s  %s" % ("figure", "target", "miaopu", "sqlite3",
                                                     "ratio", "cpu", "MB", ""))
    failed = 0
    for key, name, target, limit, value, ref, unit, cpu, mem in rows:
        if value is None:
            print("%-50s %15s %10s  %s" % (name, target, "n/a", "not available yet"))
            continue
        fmt = ((lambda x: "%.1f MB" % x) if unit == "MB"
               else (lambda x: "%.2fx" % x) if unit == "x" else ms)
        ok = met(limit, value, ref)
        failed += ok is False
        print("%-50s %15s %10s %10s %7s %10s %8s  %s" % (
            name, target, fmt(value), fmt(ref) if ref else "",
            "%.2fx" % (value / ref) if ref else "", ms(cpu) if cpu is not None else "",
            "%.1f" % mem if mem is not None else "",
            "" if ok is None else "ok" if ok else "MISSED"))
    print()
    for n in notes:
        print(n)

    if growth:
        cols = [sc for sc in SCALES if sc in by_scale] + \
               [sc for sc in by_scale if sc not in SCALES]
        print()
        print("growth: each figure's time (or memory) and beside it the peak memory (MB),"
              " at each scale; scale 1 = a district (5,000 groups, 100,000 volunteers,"
              " 1,000,000 service records)")
        print("%-20s" % "figure" + "".join("  %-28s" % ("%sx" % sc) for sc in cols))
        keys = []
        for sc in cols:
            for r in by_scale[sc]:
                if r[0] not in keys:
                    keys.append(r[0])
        for key in keys:
            line = "%-20s" % key
            for sc in cols:
                r = [x for x in by_scale[sc] if x[0] == key]
                if not r or r[0][4] is None:
                    line += "  %-28s" % "-"
                    continue
                _, _, _, limit, value, ref, unit, _, mem = r[0]
                v = ("%.1f MB" % value) if unit == "MB" else ms(value)
                if unit != "MB" and mem is not None:
                    v = "%-9s %5.1f MB" % (v, mem)
                if ref and unit != "MB":
                    v = "%s (%.1fx)" % (v, value / ref)
                ok = met(limit, value, ref)
                line += "  %-28s" % (v + ("" if ok is None or ok else " !"))
            print(line)
        missing = [sc for sc in SCALES if sc not in by_scale]
        if missing:
            print("not measured: %s (make bench BENCH_SCALE=%s makes that data set; it"
                  " takes long)" % (", ".join(m + "x" for m in missing), missing[-1]))
        print("(x) = miaopu / sqlite3 for the same work; ! = missed its target at that scale")
    print("load average at the end: %.2f %.2f %.2f (other work on the machine slows"
          " every figure)" % os.getloadavg())
    print("bench: %d of %d figures met their targets; %.0f s in all"
          % (len([r for r in rows if met(r[3], r[4], r[5])]),
             len([r for r in rows if met(r[3], r[4], r[5]) is not None]), now() - t_all))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
