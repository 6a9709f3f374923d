#!/usr/bin/env python3
"""Runs the built test suite in several processes of the test bundle, each bounded by a watchdog.

Called by ops/test after the build. The plan (which targets share a process) is generated from
`swift test list`: every test belongs to exactly one process, selected by an anchored filter on
its target name, and the per-process counts are checked to add up to the list. A process that
outlives its limit (CF_TEST_PROCESS_TIMEOUT, 900 s) has the tests that started and never finished
printed, its whole process group killed, and those tests counted as failed. After each process,
anything it left behind (children in other process groups, daemons) is found by the
CF_TEST_PROCESS tag in its environment and killed, so the next run starts clean. The last line is
always `N passed, N failed`.

Usage: test_runner.py [--] [swift test options]   (options: one process with those options)
"""

import collections
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT_S = float(os.environ.get("CF_TEST_PROCESS_TIMEOUT", "900"))
JOBS = int(os.environ.get("CF_TEST_JOBS", "3"))
TAG = "CF_TEST_PROCESS"
PG_BOUNDS = "-c lock_timeout=60s -c statement_timeout=300s -c idle_in_transaction_session_timeout=300s"

# Targets whose tests are async (an in-process HTTP server or worker loop on Swift's cooperative
# pool) run in their own processes, so blocking tests cannot starve their threads. FulfilmentTests
# run one test at a time (each starts a sandbox, web and worker processes). The 2,000-order quota
# drain runs at the real 1,000 requests/min by design: `ops/bench quota` runs it, not the suite.
OWN_PROCESS = ["ReceiverTests", "ClientsTests", "UpstreamTests", "SandboxTests", "WorkerTests"]
SERIAL = {"FulfilmentTests": ["QuotaDrainTests"]}

STARTED = re.compile(r"^◇ Test (?!case )(.+) started\.$")
PASSED = re.compile(r"^✔ Test (.+) passed after ")
FAILED = re.compile(r"^✘ Test (.+) failed after ")
RUN_TOTAL = re.compile(r"Test run with (\d+) tests?")
RUN_FAILED = re.compile(r"^✘ Test run with \d+ tests?.* failed after .* with (\d+) issues?")


def log(message):
    print(f"ops/test: {message}", file=sys.stderr, flush=True)


def swift_test_list():
    """Every test id (`Target.Suite/test()`) the build holds."""
    answer = subprocess.run(
        ["swift", "test", "list", "--skip-build"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    if answer.returncode != 0:
        sys.exit(f"ops/test: `swift test list` failed:\n{answer.stdout}{answer.stderr}")
    return [line.strip() for line in answer.stdout.splitlines() if re.match(r"^\w+\.\S", line.strip())]


def test_bundle():
    """The built test bundle (every test is a Swift Testing test; counts are checked below)."""
    answer = subprocess.run(
        ["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    path = os.path.join(answer.stdout.strip(), "creatorflowPackageTests.xctest")
    if answer.returncode != 0 or not os.access(path, os.X_OK):
        sys.exit(f"ops/test: no test bundle at {path}: build with `swift build --build-tests`")
    return path


def target_of(test_id):
    return test_id.split(".", 1)[0]


class Plan:
    """One `swift test` process: its name, arguments and the tests it is expected to run."""

    def __init__(self, name, arguments, expected):
        self.name, self.arguments, self.expected = name, arguments, expected


def anchored(targets):
    return "^(" + "|".join(re.escape(t) for t in sorted(targets)) + r")\."


def make_plans(tests):
    targets = sorted({target_of(t) for t in tests})
    plans, excluded = [], []
    by_target = collections.defaultdict(list)
    for test in tests:
        by_target[target_of(test)].append(test)
    rest = [t for t in targets if t not in OWN_PROCESS and t not in SERIAL]
    for target in [t for t in OWN_PROCESS if t in by_target]:
        plans.append(Plan(target, ["--filter", anchored([target])], by_target[target]))
    for target, skipped_suites in SERIAL.items():
        if target not in by_target:
            continue
        skip = "^" + re.escape(target) + r"\.(" + "|".join(map(re.escape, skipped_suites)) + ")/"
        kept = [t for t in by_target[target] if not re.match(skip, t)]
        excluded += [t for t in by_target[target] if re.match(skip, t)]
        plans.append(Plan(target, ["--no-parallel", "--filter", anchored([target]), "--skip", skip], kept))
    if rest:
        plans.append(Plan("rest", ["--filter", anchored(rest)], [t for t in tests if target_of(t) in rest]))
    return plans, excluded


class Outcome:
    def __init__(self, plan, log_path):
        self.plan, self.log_path = plan, log_path
        self.timed_out, self.returncode, self.seconds = False, None, 0.0

    def read(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as handle:
            return handle.read().splitlines()

    def tally(self):
        """(reported total or None, passed, failed, hung names) from the process's output. Issues
        Swift Testing records outside any test («unknown», e.g. from a helper thread) fail the run
        without failing a named test: they count as one failed test, so the last line never says
        0 failed for a failed run."""
        lines = self.read()
        started, finished = collections.Counter(), collections.Counter()
        passed = failed = 0
        total = None
        run_failed = False
        for line in lines:
            if m := STARTED.match(line):
                started[m.group(1)] += 1
            elif m := PASSED.match(line):
                finished[m.group(1)] += 1
                passed += 1
            elif (m := FAILED.match(line)) and not line.startswith("✘ Test run with"):
                finished[m.group(1)] += 1
                failed += 1
            if m := RUN_TOTAL.search(line):
                total = int(m.group(1))
            if RUN_FAILED.match(line):
                run_failed = True
        if run_failed and failed == 0:
            failed = 1
        hung = list((started - finished).elements())
        return total, passed, failed, hung


def processes_tagged(tag_value):
    """Pids of live processes whose environment carries CF_TEST_PROCESS=tag_value; with None, those
    of any run whose runner (the tag's first field) is gone: another run going on is left alone."""
    wanted = f"{TAG}={tag_value}".encode() if tag_value else f"{TAG}=".encode()
    found = []
    def orphaned(variable):
        runner = variable[len(wanted):].split(b"-", 1)[0]
        return not runner.isdigit() or not alive(int(runner))
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as handle:
                variables = handle.read().split(b"\0")
        except OSError:
            continue
        if any(v == wanted if tag_value else v.startswith(wanted) and orphaned(v) for v in variables):
            found.append(int(entry))
    return found


def kill_tagged(tag_value, reason):
    """SIGTERM, then after 10 s SIGKILL, every process tagged with tag_value (any tag if None)."""
    pids = processes_tagged(tag_value)
    if not pids:
        return
    log(f"{reason}: stopping {len(pids)} left-over process(es): {describe(pids)}")
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.2)
    for pid in pids:
        if alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def stop_private_services(reason):
    """Stops every private Redis/PostgreSQL instance of this checkout (tests start them with
    `ops/services --instance NAME`; `main` is the suite's shared one). A daemonized redis-server
    rewrites its environment with its title, so the tag cannot find it."""
    data = os.path.join(ROOT, ".data")
    names = sorted(n for n in os.listdir(data) if n != "main" and os.path.isdir(os.path.join(data, n))) if os.path.isdir(data) else []
    for name in names:
        answer = subprocess.run(
            [os.path.join(ROOT, "ops", "services"), "stop", "--instance", name], cwd=ROOT, capture_output=True,
            text=True, timeout=120)
        if "stopping" in answer.stderr:
            log(f"{reason}: stopped the private services of instance {name}")


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def describe(pids):
    names = []
    for pid in pids[:12]:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                names.append(f"{pid} " + handle.read().replace(b"\0", b" ").decode(errors="replace")[:80].strip())
        except OSError:
            names.append(str(pid))
    return "; ".join(names) + (" …" if len(pids) > 12 else "")


def start(plan, command, log_dir, run_id):
    """Starts one plan in a session of its own, output to a log file, tagged for clean-up."""
    log_path = os.path.join(log_dir, plan.name + ".log")
    env = dict(os.environ, **{TAG: f"{os.getpid()}-{run_id}-{plan.name}", "NO_COLOR": "1"})
    # Every PostgreSQL wait of a test (and of the processes it starts) is bounded too.
    env["PGOPTIONS"] = (env.get("PGOPTIONS", "") + " " + PG_BOUNDS).strip()
    with open(log_path, "w") as handle:
        process = subprocess.Popen(
            [*command, *plan.arguments], cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True)
    return process, (Outcome(plan, log_path), time.monotonic(), env[TAG])


def run_all(plans, command, log_dir):
    """Runs the plans, JOBS at a time, the largest first, each bounded by the watchdog."""
    run_id = uuid.uuid4().hex[:8]
    waiting = sorted(plans, key=lambda p: -(len(p.expected) if p.expected is not None else 0))
    waiting.sort(key=lambda p: p.name not in SERIAL)  # the slow serial targets start first
    running = {}
    outcomes = []

    def interrupted(number, _frame):
        log(f"interrupted by signal {number}: stopping every test process")
        for process, (_, _, tag) in running.items():
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            kill_tagged(tag, "interrupted")
        sys.exit(128 + number)

    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, interrupted)
    while running or waiting:
        while waiting and len(running) < JOBS:
            process, state = start(waiting.pop(0), command, log_dir, run_id)
            running[process] = state
        time.sleep(0.5)
        for process, (outcome, started_at, tag) in list(running.items()):
            elapsed = time.monotonic() - started_at
            if process.poll() is None and elapsed < TIMEOUT_S:
                continue
            if process.poll() is None:
                outcome.timed_out = True
                _, _, _, hung = outcome.tally()
                log(f"{outcome.plan.name} still running after {TIMEOUT_S:.0f} s: killing its process group")
                for name in hung or ["(no test had started)"]:
                    log(f"  started, not finished: {name}")
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait()
            outcome.returncode, outcome.seconds = process.returncode, elapsed
            kill_tagged(tag, f"after {outcome.plan.name}")
            log(f"{outcome.plan.name} finished in {elapsed:.0f} s (exit {process.returncode})")
            del running[process]
            outcomes.append(outcome)
    return outcomes


def show(outcome):
    print(f"=== {outcome.plan.name}")
    for line in outcome.read():
        if re.match(r"^(◇|↳|Test Suite|Test Case)", line) or re.search(r"passed after [0-9.]+ seconds\.$", line):
            continue
        print(line)


def main(arguments):
    if arguments and arguments[0] == "--":
        arguments = arguments[1:]
    kill_tagged(None, "before the run")
    stop_private_services("before the run")
    tests = swift_test_list()
    if arguments:
        command = ["swift", "test", "--skip-build"]
        plans, excluded = [Plan("selected", arguments, None)], []
    else:
        # The test bundle itself, not `swift test`: every `swift test` holds SwiftPM's lock on
        # .build for its whole run, so several of them only take turns.
        # Line-buffered, so a killed process still shows which of its tests had finished.
        command = ["stdbuf", "-oL", "-eL", test_bundle(), "--testing-library", "swift-testing"]
        plans, excluded = make_plans(tests)
        planned = sum(len(p.expected) for p in plans) + len(excluded)
        ids = [t for p in plans for t in p.expected] + excluded
        duplicated = [t for t, n in collections.Counter(ids).items() if n > 1]
        if planned != len(tests) or duplicated or set(ids) != set(tests):
            sys.exit(f"ops/test: the plan does not cover `swift test list` once each ({planned} vs {len(tests)}; "
                     f"twice: {duplicated[:5]})")
    status = 0
    with tempfile.TemporaryDirectory(prefix="cf-test-") as log_dir:
        began = time.monotonic()
        outcomes = run_all(plans, command, log_dir)
        stop_private_services("after the run")
        outcomes.sort(key=lambda o: o.plan.name)
        for outcome in outcomes:
            show(outcome)
        passed = failed = 0
        print("=== processes")
        for outcome in outcomes:
            total, ok, bad, hung = outcome.tally()
            expected = outcome.plan.expected
            expected_count = len(expected) if expected is not None else total
            note = ""
            if outcome.timed_out:
                unfinished = max(expected_count or 0, ok + bad + len(hung)) - ok - bad
                bad += unfinished
                note = f" TIMED OUT ({len(hung)} hung, {unfinished - len(hung)} never started)"
                status = 1
            elif total is None:
                bad += max((expected_count or 0) - ok - bad, 1)
                note = " NO SUMMARY (crashed?)"
                status = 1
            elif expected is not None and total != len(expected):
                note = f" RAN {total}, PLANNED {len(expected)}"
                status = 1
            else:
                ok = total - bad
            if outcome.returncode != 0:
                status = 1
            passed, failed = passed + ok, failed + bad
            print(f"{outcome.plan.name:16} {expected_count if expected_count is not None else '?':>4} tests "
                  f"{ok:>4} passed {bad:>3} failed {outcome.seconds:7.1f} s exit {outcome.returncode}{note}")
        if arguments:
            print(f"selected by {' '.join(arguments)}")
        else:
            print(f"planned {sum(len(p.expected) for p in plans)} + excluded {len(excluded)} "
                  f"(ops/bench quota runs them) = {len(tests)} in `swift test list`")
        print(f"wall {time.monotonic() - began:.1f} s")
    print(f"{passed} passed, {failed} failed")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
