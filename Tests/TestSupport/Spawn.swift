// Starts a test's child processes: each in a process group of its own (so a timeout can kill the
// child and everything it started), stdin from /dev/null, output to a file (no pipe a grandchild
// could hold open), default signal dispositions and an empty signal mask whatever the test
// process set up. Waits are polls with a deadline, never a blocking waitpid.

import Foundation

/// Starts `executable` with `arguments` in the repository root, output to `logPath`, through
/// posix_spawn (Foundation's Process can miss a child's exit when tests spawn concurrently).
func spawn(_ executable: String, _ arguments: [String], environment: [String: String], logPath: String) throws -> pid_t {
    let argv = ["/usr/bin/env", "-C", repositoryRoot.path] + environment.map { "\($0.key)=\($0.value)" } + [executable] + arguments
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var emptyMask = sigset_t()
    sigemptyset(&emptyMask)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for number in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD, SIGTSTP, SIGCONT] { sigaddset(&defaults, number) }
    posix_spawnattr_setsigmask(&attributes, &emptyMask)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(
        &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    var cArgs = argv.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, argv[0], &actions, &attributes, &cArgs, environ)
    guard status == 0 else { throw TestEnvironmentError("cannot start \(executable): errno \(status)") }
    return pid
}

/// The exit status of `pid` if it has exited (reaping it), nil while it runs. A signal's death
/// reads as 128 + the signal's number, as a shell reports it.
func reap(_ pid: pid_t) -> Int32? {
    var status: Int32 = 0
    var answer: pid_t
    repeat { answer = waitpid(pid, &status, WNOHANG) } while answer == -1 && errno == EINTR
    if answer == -1 { return 255 }  // ECHILD: reaped elsewhere; it is gone either way
    guard answer == pid else { return nil }
    return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
}

/// Polls `pid` until it exits or `timeout` seconds pass; nil if it is still running.
func waitForExit(_ pid: pid_t, timeout: Double) -> Int32? {
    let end = Date().addingTimeInterval(timeout)
    var pause = 0.002
    while true {
        if let status = reap(pid) { return status }
        if Date() >= end { return nil }
        Thread.sleep(forTimeInterval: pause)
        pause = min(pause * 2, 0.05)
    }
}

/// SIGKILLs the process group `pid` leads: the child and whatever it started in its group.
func killGroup(_ pid: pid_t) {
    kill(-pid, SIGKILL)
}
