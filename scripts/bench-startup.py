#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The start-up benchmark: whole JVMs that start, initialize providers, call a probe and exit.

Usage: bench-startup.py OUT.txt RUNS JAVA[=LABEL]... -- CLASSPATH [JAVA_BACKEND_CLASSPATH]

For each JDK, the variants of io.usdt4j.bench.startup.StartupApp take turns, RUNS rounds of one
process each, so that a slow moment of the machine meets every variant alike:
  plain        the same JVM without usdt4j (an empty nested class initialized instead);
  providers-1  one provider initialized and one probe called, its library already extracted;
  providers-5  five providers, one probe of each (what each further provider adds);
  providers-100  100 providers of the same shape (generated: StartupMany), one probe of each;
  jfr-1        one provider with jfr = true, no recording;
  buffer-1     one provider, -Dusdt4j.semaphoreAccess=buffer (on JDK 22+ it skips java.lang.foreign's
               layouts, which cost most of a JDK 25 provider's start-up);
  first-run    one provider, extracted into a new empty directory (-Dusdt4j.dir), as on the first
               run on a machine;
  java-providers-1, java-providers-100
               1 and 100 providers again from JAVA_BACKEND_CLASSPATH (benchmarks-java.jar: every
               library written by usdt4j-writer instead of compiled), when it is given.
Each process's wall time (fork to exit) and CPU time (user + system, from wait4) go to OUT.txt as
one line, `startup jdk=LABEL variant=V run=N wall_ms=W cpu_ms=C`, and the medians and ratios to
stdout. One untimed run of each variant first extracts the libraries and warms the page cache.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

VARIANTS = {  # name: JVM options, then StartupApp's arguments
    "plain": ["plain"],
    "providers-1": ["providers", "1"],
    "providers-5": ["providers", "5"],
    "providers-100": ["many", "100"],
    "jfr-1": ["jfr"],
    "buffer-1": ["-Dusdt4j.semaphoreAccess=buffer", "providers", "1"],
    "first-run": ["providers", "1"],
    "java-providers-1": ["providers", "1"],
    "java-providers-100": ["many", "100"],
}
JAVA_BACKEND = ("java-providers-1", "java-providers-100")  # run from the second class path


def native_access_option(java):
    """JDK 22+ warns on System.load without it (in every variant, so that all stay alike)."""
    option = "--enable-native-access=ALL-UNNAMED"
    accepted = subprocess.run([java, option, "-version"], capture_output=True).returncode == 0
    return [option] if accepted else []


def run(java, options, classpaths, variant, scratch):
    command = [java] + options + ["-cp", classpaths[1] if variant in JAVA_BACKEND else classpaths[0]]
    if variant == "first-run":
        command.append("-Dusdt4j.dir=" + tempfile.mkdtemp(dir=scratch))
    arguments = VARIANTS[variant]
    command += [a for a in arguments if a.startswith("-")]
    command += ["io.usdt4j.bench.startup.StartupApp"] + [a for a in arguments if not a.startswith("-")]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    output = process.stdout.read().decode(errors="replace")
    process.stdout.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or output.strip():
        # A warning (a library that did not load) would make the figures meaningless.
        sys.exit(f"{' '.join(command)}: exit {process.returncode}, output:\n{output}")
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000


def main():
    if "--" not in sys.argv or len(sys.argv) < 6:
        sys.exit(__doc__)
    split = sys.argv.index("--")
    out, runs, javas = sys.argv[1], int(sys.argv[2]), sys.argv[3:split]
    classpaths = sys.argv[split + 1:]
    variants = [v for v in VARIANTS if v not in JAVA_BACKEND or len(classpaths) > 1]
    with tempfile.TemporaryDirectory(prefix="usdt4j-startup-") as scratch, open(out, "a") as log:
        for spec in javas:
            java, _, label = spec.partition("=")
            label = label or java
            options = native_access_option(java)
            for variant in variants:
                run(java, options, classpaths, variant, scratch)
            times = {variant: [] for variant in variants}
            for n in range(1, runs + 1):
                for variant in variants:
                    wall, cpu = run(java, options, classpaths, variant, scratch)
                    times[variant].append((wall, cpu))
                    log.write(f"startup jdk={label} variant={variant} run={n} wall_ms={wall:.2f} cpu_ms={cpu:.2f}\n")
            log.flush()
            plain_wall = statistics.median(w for w, _ in times["plain"])
            plain_cpu = statistics.median(c for _, c in times["plain"])
            for variant, samples in times.items():
                wall = statistics.median(w for w, _ in samples)
                cpu = statistics.median(c for _, c in samples)
                print(f"{label:>8} {variant:<12} wall {wall:7.1f} ms ({wall / plain_wall:.3f}x)"
                      f"  cpu {cpu:7.1f} ms ({cpu / plain_cpu:.3f}x)")
            for one, hundred in (("providers-1", "providers-100"), ("java-providers-1", "java-providers-100")):
                if one in times and hundred in times:
                    further = [(statistics.median(s[i] for s in times[hundred])
                                - statistics.median(s[i] for s in times[one])) / 99 for i in (0, 1)]
                    print(f"{label:>8} {hundred}: each further provider wall {further[0]:+.2f} ms, cpu {further[1]:+.2f} ms")


if __name__ == "__main__":
    main()
