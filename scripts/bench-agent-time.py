#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The agent's time to instrument: `usdt4j trace -p PID --method SELECTOR` on a running JVM, from the
command's start to the first event it prints, for 1 and for 100 methods.

Usage: bench-agent-time.py [--one-method] OUT.txt ROUNDS CLI_JAR CLASSPATH JAVA[=LABEL]...
  --one-method: only the first target's traces, the 100 methods' replaced by b00 (a smoke run).

The target, io.usdt4j.bench.AgentManyTarget (generated: benchmarks/src/build/GenerateManySources.java),
calls each of its 200 static methods, a00..a99 and b00..b99, once every pass, a pass every 5 ms. Each
round, for each JDK (JAVA runs the target; the command runs on the `java` of PATH), two fresh targets:
  one traces a00 (1 method, the agent not loaded yet: `fresh`), then b* (100 methods, agent loaded);
  the other traces a* (100 methods, fresh), then b00 (1 method, agent loaded);
so that every trace instruments methods that no trace instrumented before, in turns (the order of
the two targets alternates by round). Each trace is timed from the command's start (fork) to:
  instrumented  its line `usdt4j: instrumented N methods ...` (attach, agent, library written and loaded);
  first event   the first event it prints (then also bpftrace started and attached);
and after the first event it gets SIGINT (Ctrl-C): `restored` is the time from that to its line
`usdt4j: restored N methods` (every method restored), `exit` to its exit (bpftrace stopped and
exited too). One line per trace goes to OUT.txt,
`agenttime jdk=LABEL methods=N agent=fresh|loaded round=R instrumented_ms=I first_event_ms=F restored_ms=S
exit_ms=E bpftrace_killed=0|1` (1: the command said that bpftrace did not exit within its 10 s and killed it),
and the medians to stdout. A pass every 5 ms bounds what the wait for a call adds to the first event.
"""
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

TARGET = "io.usdt4j.bench.AgentManyTarget"
WARM_UP_MS = 2000
TIMEOUT = 120  # seconds a trace may take to print its first event


class Lines:
    """A child's output, read by a thread of its own: each line with the time it arrived."""

    def __init__(self, stream):
        self.lines = []
        self.cond = threading.Condition()
        self.closed = False
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream):
        for raw in stream:
            now = time.perf_counter()
            with self.cond:
                self.lines.append((now, raw.decode(errors="replace").rstrip("\n")))
                self.cond.notify_all()
        with self.cond:
            self.closed = True
            self.cond.notify_all()

    def wait_for(self, predicate, timeout):
        """the time of the first line that matches, or None at the timeout or the end of the output"""
        end = time.perf_counter() + timeout
        with self.cond:
            while True:
                for at, line in self.lines:
                    if predicate(line):
                        return at
                left = end - time.perf_counter()
                if self.closed or left <= 0:
                    return None
                self.cond.wait(left)

    def text(self):
        with self.cond:
            return "\n".join(line for _, line in self.lines)


def default_signals():
    """In each child: SIGINT and SIGQUIT as by default. A script's background job ignores both, and a JVM
    started so ignores Ctrl-C (the command's stop) and the Attach API's SIGQUIT."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


def start_target(java, classpath, log):
    target = subprocess.Popen([java, "-cp", classpath, TARGET, str(WARM_UP_MS)],
                              stdout=subprocess.PIPE, stderr=log, preexec_fn=default_signals)
    out = Lines(target.stdout)
    if out.wait_for(lambda line: line == "ready", 60) is None:
        target.kill()
        sys.exit(f"{TARGET} on {java} did not get ready")
    return target


def trace(cli_jar, pid, selector, methods):
    command = ["java", "-jar", cli_jar, "trace", "-p", str(pid), "--method", selector]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=default_signals)
    out, err = Lines(process.stdout), Lines(process.stderr)
    first = out.wait_for(lambda line: True, TIMEOUT)
    if first is None:
        process.kill()
        sys.exit(f"{' '.join(command)}: no event within {TIMEOUT} s; stderr:\n{err.text()}")
    instrumented = err.wait_for(lambda line: line.startswith("usdt4j: instrumented"), 1)
    interrupted = time.perf_counter()
    process.send_signal(signal.SIGINT)
    try:
        status = process.wait(120)
    except subprocess.TimeoutExpired:
        process.kill()
        sys.exit(f"{' '.join(command)}: still running 120 s after SIGINT; stderr:\n{err.text()}")
    exited = time.perf_counter()
    out.thread.join(10)
    err.thread.join(10)
    plural = "s" if methods != 1 else ""
    if instrumented is None or f"usdt4j: instrumented {methods} method{plural} " not in err.text() \
            or f"usdt4j: restored {methods} method{plural} of process {pid}" not in err.text() or status != 0:
        sys.exit(f"{' '.join(command)}: exit {status}, stderr:\n{err.text()}")
    killed = "bpftrace did not exit" in err.text()
    restored = err.wait_for(lambda line: line.startswith("usdt4j: restored"), 0)
    return ((instrumented - start) * 1000, (first - start) * 1000, (restored - interrupted) * 1000,
            (exited - interrupted) * 1000, killed)


def main():
    args = sys.argv[1:]
    one_method = args[:1] == ["--one-method"]
    args = args[1:] if one_method else args
    if len(args) < 5:
        sys.exit(__doc__)
    out, rounds, cli_jar, classpath, javas = args[0], int(args[1]), args[2], args[3], args[4:]
    plans = [[(TARGET + "#a00", 1, "fresh"), (TARGET + "#b*", 100, "loaded")],
             [(TARGET + "#a*", 100, "fresh"), (TARGET + "#b00", 1, "loaded")]]
    if one_method:
        plans = [[(TARGET + "#a00", 1, "fresh"), (TARGET + "#b00", 1, "loaded")]]
    times = {}
    with open(out, "a") as log, tempfile.TemporaryFile() as target_log:
        for n in range(1, rounds + 1):
            for spec in javas:
                java, _, label = spec.partition("=")
                label = label or java
                for plan in (plans if n % 2 else plans[::-1]):
                    target = start_target(java, classpath, target_log)
                    try:
                        for selector, methods, agent in plan:
                            figures = trace(cli_jar, target.pid, selector, methods)
                            times.setdefault((label, methods, agent), []).append(figures)
                            log.write(f"agenttime jdk={label} methods={methods} agent={agent} round={n} "
                                      f"instrumented_ms={figures[0]:.1f} first_event_ms={figures[1]:.1f} "
                                      f"restored_ms={figures[2]:.1f} exit_ms={figures[3]:.1f} "
                                      f"bpftrace_killed={int(figures[4])}\n")
                            log.flush()
                    finally:
                        target.kill()
                        target.wait()
    for (label, methods, agent), samples in sorted(times.items()):
        medians = [statistics.median(s[i] for s in samples) for i in range(4)]
        print(f"{label:>8} {methods:>3} method(s), agent {agent:<6}: instrumented {medians[0]:7.0f} ms, "
              f"first event {medians[1]:7.0f} ms, restored {medians[2]:6.0f} ms, exit {medians[3]:6.0f} ms "
              f"({len(samples)} runs)")


if __name__ == "__main__":
    main()
