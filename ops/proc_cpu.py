"""CPU time of processes from the kernel's accounting (/proc/PID/stat), for the benchmarks.

`cpu_seconds(pid)` is the process's user + system time; `tree_cpu_seconds(pid)` adds its live
descendants and the children it has already reaped (cutime + cstime), which is how a PostgreSQL
postmaster's backends are counted; `redis_pid` and `postmaster_pid` find those servers.
"""
import os
import subprocess

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid):
    try:
        with open(f"/proc/{pid}/stat") as handle:
            text = handle.read()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()  # after "pid (comm) "
    # fields[0] is state (field 3); utime, stime, cutime, cstime are fields 14-17.
    return {"ppid": int(fields[1]), "utime": int(fields[11]), "stime": int(fields[12]),
            "cutime": int(fields[13]), "cstime": int(fields[14])}


def cpu_seconds(pid):
    stat = _stat(pid)
    return 0.0 if stat is None else (stat["utime"] + stat["stime"]) / TICKS


def tree_cpu_seconds(root):
    stats = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            stat = _stat(int(name))
            if stat is not None:
                stats[int(name)] = stat
    if root not in stats:
        return 0.0
    children = {}
    for pid, stat in stats.items():
        children.setdefault(stat["ppid"], []).append(pid)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stat = stats[pid]
        total += stat["utime"] + stat["stime"]
        if pid == root:
            total += stat["cutime"] + stat["cstime"]
        stack.extend(children.get(pid, []))
    return total / TICKS


def redis_pid(redis_url):
    """The pid of the Redis server at `redis_url` (redis://host:port/...)."""
    port = redis_url.rsplit(":", 1)[1].split("/")[0]
    info = subprocess.run(["redis-cli", "-p", port, "info", "server"], capture_output=True, text=True).stdout
    return int(next(line.split(":")[1] for line in info.splitlines() if line.startswith("process_id:")))


def postmaster_pid(database_url):
    """The pid of the PostgreSQL postmaster serving `database_url` (its backends' parent)."""
    # The first line of the data directory's postmaster.pid (a backend's parent could be read from
    # /proc too, but psql's backend may be gone by the time psql has returned).
    out = subprocess.run(["psql", database_url, "-tAc", "SHOW data_directory"], check=True, capture_output=True, text=True)
    with open(os.path.join(out.stdout.strip(), "postmaster.pid")) as handle:
        return int(handle.readline())
