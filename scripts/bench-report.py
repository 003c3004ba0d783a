#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Turns one scripts/bench.sh run into a Markdown table and an SVG chart.

Usage: bench-report.py RESULTS_DIR OUT.md OUT.svg [SUMMARY.md]
SUMMARY.md, when given, gets the short table that scripts/bench.sh puts in README.md.
RESULTS_DIR holds machine.txt, JMH's result JSON (jmh-untraced-<jdk>.json, jmh-traced-nop<size>-<round>.json,
the latter with the gc profiler's gc.alloc.rate.norm, and jmh-traced-java-nop<size>-<round>.json, the same
on the libraries usdt4j-writer wrote)
and logs, cfire.txt and loop.txt; startup.txt (scripts/bench-startup.py), writer.txt, agent-time.txt
(scripts/bench-agent-time.py) and ab-*.json (scripts/bench-ab.sh) when those sections ran.
Every figure is a median over all measured iterations (JMH), runs (cfire) or runs (loop).
A run of some sections (scripts/bench.sh --only) names in its machine.txt the full run it completes
(base=): each section's files are this run's when it has them, else the base's.
"""
import glob
import json
import os
import re
import statistics
import sys
from html import escape

results, md_path, svg_path = sys.argv[1:4]
summary_path = sys.argv[4] if len(sys.argv) > 4 else None


def read_machine(directory):
    machine = {}
    with open(os.path.join(directory, "machine.txt")) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            machine[key] = value
    return machine


def read_jmh(pattern):
    """{"Untraced.longs3": [every measured iteration's ns/op, over all forks], ...} of the files matching pattern"""
    runs = []
    for path in sorted(files(pattern)):
        with open(path) as f:
            runs += json.load(f)
    samples = {}
    for run in runs:
        cls, method = run["benchmark"].split(".")[-2:]
        key = cls.replace("Benchmark", "") + "." + method
        key += "".join(f"[{name}={value}]" for name, value in sorted(run.get("params", {}).items()))
        samples.setdefault(key, []).extend(v for fork in run["primaryMetric"]["rawData"] for v in fork)
    return samples


def read_jmh_alloc(pattern):
    """{"Traced.string": [bytes allocated per op in each measured iteration, over all forks]} from the
    gc profiler's gc.alloc.rate.norm, for the runs of the files matching pattern that have it"""
    samples = {}
    for path in sorted(files(pattern)):
        with open(path) as f:
            for run in json.load(f):
                norm = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
                if norm:
                    key = ".".join(run["benchmark"].split(".")[-2:]).replace("Benchmark", "")
                    samples.setdefault(key, []).extend(v for fork in norm["rawData"] for v in fork)
    return samples


def read_cfire():
    """{nop size: {"longs3": [ns per fire of each run]}}, and bpftrace's counts as cfire printed them"""
    samples = {}
    counts = []
    with open(result_path("cfire.txt")) as f:
        for line in f:
            m = re.match(r"cfire nop=(\d) probe=(\w+) run=\d+ fires=\d+ ns_per_fire=([\d.]+)", line)
            if m:
                samples.setdefault(int(m.group(1)), {}).setdefault(m.group(2), []).append(float(m.group(3)))
            else:
                m = re.match(r"cfire nop=(\d) bpftrace @n\[.*:bench:(\w+)\]: (\d+)", line)
                if m:
                    counts.append(f"nop{m.group(1)} {m.group(2)} {m.group(3)}")
    return samples, counts


def read_jmh_counts():
    """bpftrace's count per probe as each traced JMH fork printed it, by the sites the fork bound:
    {5: {"longs3": [count per fork]}}"""
    counts = {}
    nop = None
    with open(result_path("jmh-traced-counts.txt")) as f:
        for line in f:
            m = re.search(r"usdt4j probe sites: nop(\d)", line)
            if m:
                nop = int(m.group(1))
            m = re.search(r"bpftrace @n\[.*:bench:(\w+)\]: (\d+)", line)
            if m:
                counts.setdefault(nop, {}).setdefault(m.group(1), []).append(int(m.group(2)))
    return counts


def read_loop():
    seconds = {}
    with open(result_path("loop.txt")) as f:
        for line in f:
            m = re.match(r"piloop run=\d+ variant=([\w-]+) iterations=\d+ seconds=([\d.]+)", line)
            if m:
                seconds.setdefault(m.group(1), []).append(float(m.group(2)))
    return seconds


def med(values):
    return statistics.median(values)


def span(values):
    return f"{min(values):.4g}–{max(values):.4g}"


def verdict(ok):
    if quick:
        return "(quick run: no verdict)"
    return "met" if ok else "**missed**"


machine = read_machine(results)


def base_of(directory, m):
    """the run that run m (in directory) completes, beside it in docs/bench-results, or None"""
    base = m.get("base")
    if base and not os.path.isdir(base):  # named from the repository's root; else beside this run
        base = os.path.join(os.path.dirname(os.path.normpath(directory)), os.path.basename(base))
    return base


# A run of some sections: the others come from the run it names, and from the run that one names,
# and so on, up to a whole run; each section's files from the newest run that has them.
RUNS = [(results, machine)]
while base_of(*RUNS[-1]) and len(RUNS) < 20:
    directory = base_of(*RUNS[-1])
    RUNS.append((directory, read_machine(directory)))
DIRS = [directory for directory, _ in RUNS]
base = RUNS[1][0] if len(RUNS) > 1 else None


def files(pattern):
    """the files that match pattern, sorted: this run's when it has any, else the base run's"""
    for directory in DIRS:
        found = sorted(glob.glob(os.path.join(directory, pattern)))
        if found:
            return found
    return []


def result_path(name):
    """the file name of this run, else of the base run (this run's path when neither has it)"""
    for directory in DIRS:
        if os.path.exists(os.path.join(directory, name)):
            return os.path.join(directory, name)
    return os.path.join(results, name)


# Untraced on each JDK that ran; traced on each kind of probe site, the five-byte one first.
JDKS = [(jdk, machine[key]) for jdk, key in [("jdk17", "jdk"), ("jdk25", "jdk25")]
        if files(f"jmh-untraced-{jdk}.json")]
untraced = {jdk: read_jmh(f"jmh-untraced-{jdk}.json") for jdk, _ in JDKS}
recorded = {jdk: read_jmh(f"jmh-jfr-{jdk}.json") for jdk, _ in JDKS
            if files(f"jmh-jfr-{jdk}.json")}
cfire, cfire_counts = read_cfire()
SITES = [nop for nop in (5, 1) if files(f"jmh-traced-nop{nop}-*.json")]
traced = {nop: read_jmh(f"jmh-traced-nop{nop}-*.json") for nop in SITES}
site = SITES[0]  # the sites usdt4j fires on here by default, and the targets' comparison
# The same fires on the libraries usdt4j-writer wrote (the other backend), on the default site.
traced_java = read_jmh(f"jmh-traced-java-nop{site}-*.json") \
    if files(f"jmh-traced-java-nop{site}-*.json") else {}
quick = machine["mode"] == "quick"
loop = read_loop()

SHAPES = [("noargs", "0 arguments"), ("longs3", "3 longs"), ("string", "a String"), ("args12", "12 longs")]
JFR_SHAPES = SHAPES[:3]
RECORDED_SHAPES = [("Longs3", "3 longs"), ("String", "a String")]

untraced_rows = [("Untraced.baseline", "empty interface method (baseline)")] + \
    [("Untraced." + s, "usdt4j probe, " + label) for s, label in SHAPES] + \
    [("Untraced.longs3Guarded", "usdt4j probe, 3 longs, behind isLongs3Enabled()"),
     ("Untraced.jniUnguarded", "unguarded JNI call into a probe (3 longs)"),
     ("Untraced.jfrDisabled", "JFR event, not enabled (3 longs)")] + \
    [("Untraced.jfr" + s[0].upper() + s[1:], "usdt4j probe, jfr = true, " + label) for s, label in JFR_SHAPES]


def jfr_gap(jmh):
    """the largest median of a jfr = true shape minus its jfr = false twin, and the slowest jfr = true shape"""
    return (max(med(jmh["Untraced.jfr" + s[0].upper() + s[1:]]) - med(jmh["Untraced." + s]) for s, _ in JFR_SHAPES),
            max(med(jmh["Untraced.jfr" + s[0].upper() + s[1:]]) for s, _ in JFR_SHAPES))


def untraced_figures(jmh):
    """baseline, unguarded JNI, slowest usdt4j shape: medians"""
    return (med(jmh["Untraced.baseline"]), med(jmh["Untraced.jniUnguarded"]),
            max(med(jmh["Untraced." + s]) for s, _ in SHAPES))


SITE_NAMES = {5: "five-byte nop (Linux 6.18+ calls its uprobe trampoline)", 1: "one-byte nop (int3 trap)"}

lines = []
out = lines.append
out("# Benchmarks")
out("")


def load(m):
    return (f"Load average (1, 5, 15 min) {m['load_before']} before and {m['load_after']} after the run"
            f" on {m['cpus']} CPUs. " if "load_before" in m else "")


if base:
    for directory, m in RUNS:
        what = f"Sections {m['sections'].replace(',', ', ')}: run" if "sections" in m else "The other sections: run"
        how = f"`scripts/bench.sh --only={m['sections']}`" if "sections" in m else "`scripts/bench.sh`"
        out(f"{what} of {m['date']} by {how} ({m['mode']} mode). " + load(m)
            + f"Raw results: `{os.path.normpath(directory)}/`.")
        out("")
    out(f"Machine: {machine['cpu']}, {machine['cpus']} CPUs, {machine['kernel']}, "
        f"{' and '.join('JDK ' + name for _, name in JDKS)}, {machine['bpftrace']}.")
else:
    out(f"Run of {machine['date']} by `scripts/bench.sh` ({machine['mode']} mode). "
        f"Machine: {machine['cpu']}, {machine['cpus']} CPUs, {machine['kernel']}, "
        f"{' and '.join('JDK ' + name for _, name in JDKS)}, {machine['bpftrace']}. "
        + load(machine) + f"Raw results: `{os.path.normpath(results)}/`.")
out("")
if quick:
    out("**Quick run (`--quick`): a smoke test with tiny iterations. These numbers measure nothing.**")
    out("")
out("What limits each figure, and what it would take to move it: [benchmarks-findings.md](benchmarks-findings.md).")
out("")
out("Every figure is a median: over all measured JMH iterations of all forks, over all cfire runs, "
    "over all loop runs; the range is the lowest and highest of those samples.")
out("")
out("## 1. Untraced: cost per call, no tracer attached (JMH, ns/op)")
for jdk, name in JDKS:
    jmh = untraced[jdk]
    baseline, jni, worst = untraced_figures(jmh)
    out("")
    out(f"JDK {name}:")
    out("")
    out("| call | median ns | range | minus baseline | unguarded JNI ÷ this |")
    out("|---|---:|---:|---:|---:|")
    for key, label in untraced_rows:
        m = med(jmh[key])
        out(f"| {label} | {m:.2f} | {span(jmh[key])} | {m - baseline:+.2f} | {jni / m:.1f}× |")
    out("")
    out(f"Targets: at most 1 ns per call for every shape — slowest usdt4j shape {worst:.2f} ns "
        f"({worst - baseline:+.2f} ns over the empty call): {verdict(worst <= 1.0)}; "
        f"at least 10× cheaper than the unguarded JNI call — {jni / worst:.1f}×: {verdict(jni / worst >= 10)}.")
    gap, jfr_worst = jfr_gap(jmh)
    out("")
    out(f"`jfr = true`, no recording: slowest shape {jfr_worst:.2f} ns, at most 1 ns: {verdict(jfr_worst <= 1.0)}; "
        f"at most {gap:+.2f} ns over the same shape with `jfr = false`, within 0.2 ns: {verdict(gap <= 0.2)}.")
out("")
if recorded:
    out("## 1b. JFR recording: cost per call while a recording enables the event (JMH, ns/op)")
    out("")
    out("`JfrRecordingBenchmark`: a `jfr = true` probe (no USDT tracer) against a hand-written JFR event of the "
        "same shape, in one recording started from the provider's .jfc, to disk. The anchor: usdt4j must not be "
        "slower than writing the event by hand.")
    for jdk, name in JDKS:
        if jdk not in recorded:
            continue
        jmh = recorded[jdk]
        out("")
        out(f"JDK {name}:")
        out("")
        out("| shape | usdt4j median ns | range | hand-written median ns | range | usdt4j ÷ hand-written |")
        out("|---|---:|---:|---:|---:|---:|")
        for shape, label in RECORDED_SHAPES:
            u, h = jmh["JfrRecording.usdt4j" + shape], jmh["JfrRecording.handWritten" + shape]
            out(f"| {label} | {med(u):.1f} | {span(u)} | {med(h):.1f} | {span(h)} | {med(u) / med(h):.3f} "
                f"{verdict(med(u) <= med(h))} |")
    out("")
out("## 2. Traced: cost per fire with bpftrace counting every fire (ns/fire)")
out("")
out("usdt4j: JMH `TracedBenchmark` (JDK 17), each fork attaching `bpftrace -p <pid> traced.bt` to itself. "
    "C: `cfire`, firing the same shapes guarded by the same semaphores, on the same kind of probe site, "
    "under the same program. The C program is the limit: the kernel's uprobe handling. "
    f"All take turns, {machine.get('rounds', '?')} rounds of one JMH fork per probe then one cfire process, "
    "for each kind of site. The kind decides the cost ([design.md](design.md#two-sites-per-probe-x86-64)): "
    f"usdt4j fires on the {SITE_NAMES[site]} here by default, so the targets compare those.")
traced_ratios = {}
for nop in SITES:
    out("")
    out(f"Probes on the {SITE_NAMES[nop]}{' (default here; targets)' if nop == site else ''}:")
    out("")
    out("| probe | usdt4j median | range | C median | range | usdt4j ÷ C | target |")
    out("|---|---:|---:|---:|---:|---:|---|")
    for shape, label in SHAPES:
        j, c = traced[nop]["Traced." + shape], cfire[nop][shape]
        ratio = med(j) / med(c)
        target = 1.05
        if nop == site:
            traced_ratios[shape] = ratio
            goal = f"≤ {target} {verdict(ratio <= target)}"
        else:
            goal = ""
        out(f"| {label} | {med(j):.0f} | {span(j)} | {med(c):.0f} | {span(c)} | {ratio:.3f} | {goal} |")
traced_java_ratios = {}
if traced_java:
    out("")
    out(f"The same probes on the {SITE_NAMES[site]}, their library written in Java by usdt4j-writer instead of "
        "compiled (`benchmarks-java.jar`, the other backend), in the same rounds:")
    out("")
    out("| probe | usdt4j (Java-written) median | range | C median | usdt4j ÷ C | C-built usdt4j ÷ C | target |")
    out("|---|---:|---:|---:|---:|---:|---|")
    for shape, label in SHAPES:
        j, c = traced_java["Traced." + shape], cfire[site][shape]
        ratio = med(j) / med(c)
        traced_java_ratios[shape] = ratio
        out(f"| {label} | {med(j):.0f} | {span(j)} | {med(c):.0f} | {ratio:.3f} | {traced_ratios[shape]:.3f} "
            f"| ≤ 1.05 {verdict(ratio <= 1.05)} |")
# The same forks' allocation (JMH -prof gc): bytes per fire. A Java allocation is at least 16 bytes,
# so a median under 1 B/op (the profiler's own noise, amortized over the fires) means none.
alloc = {nop: read_jmh_alloc(f"jmh-traced-nop{nop}-*.json") for nop in SITES}
alloc_ok = all(alloc[nop].get("Traced." + shape) for nop in SITES for shape, _ in SHAPES)
if alloc_ok:
    out("")
    out("What a traced fire allocates (JMH `-prof gc`, `gc.alloc.rate.norm`, bytes per fire, in the same forks). "
        "A Java object is at least 16 bytes, so a median under 1 B/fire means that no fire allocates: "
        "what is left is the profiler's own, spread over millions of fires.")
    out("")
    out("| site | " + " | ".join(label for _, label in SHAPES) + " | target |")
    out("|---|" + "---:|" * len(SHAPES) + "---|")
    for nop in SITES:
        medians = [med(alloc[nop]["Traced." + shape]) for shape, _ in SHAPES]
        out(f"| nop{nop} | " + " | ".join(f"{m:.3g}" for m in medians)
            + f" | 0 B/fire {verdict(all(m < 1 for m in medians))} |")
control = read_jmh("jmh-control-*.json")
if control:
    out("")
    out("Where a traced fire's time goes, 3 longs (ns/fire, medians). The controls fire probe `jniprobe:control` "
        "with no usdt4j code: from a C loop inside one JNI call (as cfire fires, but in a JVM), and once per JNI call "
        "(JMH `TracedControlBenchmark`, under the same count). Each step adds one thing to the one before: "
        "the JVM process, then the JNI call, then usdt4j's own code (semaphore read, argument conversion).")
    out("")
    out("| site | C program | C loop in a JVM | JNI call per fire | usdt4j | JVM process | JNI call | usdt4j's code |")
    out("|---|---:|---:|---:|---:|---:|---:|---:|")
    for nop in SITES:
        steps = [med(cfire[nop]["longs3"]), med(control[f"TracedControl.cLoop[nop={nop}]"]),
                 med(control[f"TracedControl.jniCall[nop={nop}]"]), med(traced[nop]["Traced.longs3"])]
        out(f"| nop{nop} | " + " | ".join(f"{v:.0f}" for v in steps) + " | "
            + " | ".join(f"{b - a:+.0f}" for a, b in zip(steps, steps[1:])) + " |")
jmh_counts = read_jmh_counts()
out("")
out("bpftrace counted the fires (`@n` per probe) in each traced JMH fork: " +
    "; ".join(f"nop{nop} {shape} " + ", ".join(str(n) for n in jmh_counts.get(nop, {}).get(shape, []))
              for nop in SITES for shape, _ in SHAPES) +
    (". Each cfire process (warm-up included): " + ", ".join(sorted(set(cfire_counts))) + "." if cfire_counts else "."))
out("")
# The agent (AgentBenchmark): one small static method, without an agent, instrumented, and under
# HotSpot's DTraceMethodProbes, per JDK; and instrumented with bpftrace on its entry probe.
agent_runs = {(variant, jdk): read_jmh(f"jmh-agent-{variant}-{jdk}-*.json")
              for variant in ("plain", "agent", "dtrace") for jdk, _ in JDKS
              if files(f"jmh-agent-{variant}-{jdk}-*.json")}
agent_traced = read_jmh("jmh-agent-traced-jdk17-*.json") \
    if files("jmh-agent-traced-jdk17-*.json") else {}
agent_verdicts = {}
if agent_runs:
    out("## 2b. A method instrumented by the usdt4j agent (JMH, ns/call)")
    out("")
    out("`AgentBenchmark` calls `AgentTarget.longs3(a, b, c)`, a static method that adds three longs, in forks that "
        "take turns: without an agent; with `-javaagent:usdt4j-agent.jar=io.usdt4j.bench.AgentTarget#longs3` "
        "(an entry and a return probe, untraced); and with HotSpot's own method probes, "
        "`-XX:+DTraceMethodProbes`, untraced too. Target: the instrumented method at most 1 ns over the original.")
    for jdk, name in JDKS:
        if ("plain", jdk) not in agent_runs:
            continue
        plain_ns = agent_runs[("plain", jdk)]["Agent.longs3[traced=false]"]
        out("")
        out(f"JDK {name}:")
        out("")
        out("| the method | median ns | range | minus the original |")
        out("|---|---:|---:|---:|")
        for variant, label in [("plain", "original (no agent)"), ("agent", "instrumented by the usdt4j agent"),
                               ("dtrace", "original, -XX:+DTraceMethodProbes")]:
            if (variant, jdk) in agent_runs:
                v = agent_runs[(variant, jdk)]["Agent.longs3[traced=false]"]
                out(f"| {label} | {med(v):.2f} | {span(v)} | {med(v) - med(plain_ns):+.2f} |")
        gap = med(agent_runs[("agent", jdk)]["Agent.longs3[traced=false]"]) - med(plain_ns)
        agent_verdicts[jdk] = gap
        out("")
        out(f"Instrumented: {gap:+.2f} ns per call over the original, at most 1 ns: {verdict(gap <= 1.0)}.")
    if agent_traced:
        j, p = agent_traced["Agent.longs3[traced=true]"], traced[site]["Traced.longs3"]
        out("")
        out(f"Traced (JDK 17, bpftrace counting the entry probe's fires, on the {SITE_NAMES[site]}): the instrumented "
            f"method {med(j):.0f} ns per call (range {span(j)}) against a generated provider's probe of the same "
            f"shape, 3 longs, {med(p):.0f} ns: {med(j) / med(p):.3f}×, at most 1.1×: {verdict(med(j) / med(p) <= 1.1)}.")
    out("")
out("## 3. Loop benchmark: 1000 digits of pi per iteration, probes at start and end (seconds)")
out("")
plain = med(loop["plain"])
out(f"{machine['loop_iterations']} iterations per run (after {machine['loop_warmup']} warm-up iterations in the same JVM), "
    f"{machine['loop_runs']} runs per variant, the variants interleaved. "
    "Traced: `bench:start_loop`/`bench:end_loop` under `loop.bt`, which sums the time spent inside each iteration.")
out("")
out("| variant | median s | range | overhead vs no probes | target |")
out("|---|---:|---:|---:|---|")
LOOP_VARIANTS = [("plain", "no probes", None), ("untraced", "probes, untraced", 0.5), ("traced", "probes, traced", 2.8),
                 ("agent", "no probes; the agent's on `PiLoop#iteration`, untraced", 0.5),
                 ("agent-traced", "no probes; the agent's on `PiLoop#iteration`, traced", 2.8)]
for variant, label, target in [v for v in LOOP_VARIANTS if v[0] in loop]:
    m = med(loop[variant])
    overhead = (m / plain - 1) * 100
    strict = variant in ("traced", "agent-traced")  # the traced targets are "less than"
    goal = "" if target is None else f"{'<' if strict else '≤'} {target}% " + \
        verdict(overhead < target if strict else overhead <= target)
    out(f"| {label} | {m:.3f} | {span(loop[variant])} | {overhead:+.2f}% | {goal} |")
out("")


def matching_lines(name, pattern):
    """the matches of pattern at the start of each line of the result file name (none when it is absent)"""
    name = result_path(name)
    if not os.path.exists(name):
        return []
    with open(name) as f:
        return [m for m in (re.match(pattern, line) for line in f) if m]


def read_startup():
    """{"jdk17": {"plain": [(wall ms, cpu ms) of each run], ...}} from startup.txt"""
    runs = {}
    for m in matching_lines("startup.txt", r"startup jdk=(\S+) variant=(\S+) run=\d+ wall_ms=([\d.]+) cpu_ms=([\d.]+)"):
        runs.setdefault(m.group(1), {}).setdefault(m.group(2), []).append((float(m.group(3)), float(m.group(4))))
    return runs


STARTUP_LABELS = {"plain": "the same JVM without usdt4j", "providers-1": "1 provider, library extracted already",
                  "providers-5": "5 providers, libraries extracted already",
                  "jfr-1": "1 provider with jfr = true, no recording",
                  "buffer-1": "1 provider, -Dusdt4j.semaphoreAccess=buffer",
                  "first-run": "1 provider, first run (empty usdt4j.dir)",
                  "providers-100": "100 providers, libraries extracted already",
                  "java-providers-1": "1 provider, Java-written library (benchmarks-java.jar)",
                  "java-providers-100": "100 providers, Java-written libraries (benchmarks-java.jar)"}
STARTUP_BACKENDS = [("providers", "C-built libraries"), ("java-providers", "Java-written libraries (usdt4j-writer)")]


def further_providers(variants):
    """{backend label: (wall 1, wall 100, wall per further provider, CPU per further provider)} (medians)"""
    figures = {}
    for prefix, label in STARTUP_BACKENDS:
        if f"{prefix}-1" in variants and f"{prefix}-100" in variants:
            one, hundred = variants[f"{prefix}-1"], variants[f"{prefix}-100"]
            figures[label] = (med([w for w, _ in one]), med([w for w, _ in hundred]),
                              (med([w for w, _ in hundred]) - med([w for w, _ in one])) / 99,
                              (med([c for _, c in hundred]) - med([c for _, c in one])) / 99)
    return figures



startup = read_startup()
startup_verdicts = {}
if startup:
    out("## 4. Start-up: whole JVMs that initialize providers, call a probe and exit")
    out("")
    out("`scripts/bench-startup.py` runs `io.usdt4j.bench.startup.StartupApp` as whole processes, the variants "
        "taking turns, and reads each one's wall time (fork to exit) and CPU time (user + system of the whole "
        "process, JIT and GC threads included). The baseline initializes an empty nested class instead. "
        "Targets: one provider costs at most 1.15× the baseline's wall time and 1.3× its CPU time; each further "
        "provider at most 1 ms (wall).")
    for jdk, name in JDKS:
        variants = startup.get(jdk)
        if not variants:
            continue
        plain_wall = med([w for w, _ in variants["plain"]])
        plain_cpu = med([c for _, c in variants["plain"]])
        out("")
        out(f"JDK {name}, {len(variants['plain'])} runs of each:")
        out("")
        out("| variant | wall ms (median) | range | ÷ baseline | CPU ms (median) | range | ÷ baseline |")
        out("|---|---:|---:|---:|---:|---:|---:|")
        for variant, samples in variants.items():
            walls, cpus = [w for w, _ in samples], [c for _, c in samples]
            out(f"| {STARTUP_LABELS.get(variant, variant)} | {med(walls):.1f} | {span(walls)} | "
                f"{med(walls) / plain_wall:.3f} | {med(cpus):.1f} | {span(cpus)} | {med(cpus) / plain_cpu:.3f} |")
        one_wall = med([w for w, _ in variants["providers-1"]]) / plain_wall
        one_cpu = med([c for _, c in variants["providers-1"]]) / plain_cpu
        further = (med([w for w, _ in variants["providers-5"]]) - med([w for w, _ in variants["providers-1"]])) / 4
        startup_verdicts[jdk] = (one_wall, one_cpu, further)
        out("")
        out(f"Targets: one provider {one_wall:.3f}× wall ({verdict(one_wall <= 1.15)}) and {one_cpu:.3f}× CPU "
            f"({verdict(one_cpu <= 1.3)}); each further provider {further:+.2f} ms ({verdict(further <= 1.0)}).")
    hundred = {jdk: further_providers(startup[jdk]) for jdk, _ in JDKS if further_providers(startup.get(jdk, {}))}
    if hundred:
        out("")
        out("Each further provider, from 1 to 100 (medians of the same runs): (t100 − t1) ÷ 99, 100 providers of "
            "one shape (StartupProbes1's; 99 of them generated by `benchmarks/src/build/GenerateManySources.java`), "
            "one probe of each called, on each backend. The Java-written libraries are the same jar's with every "
            "library written by usdt4j-writer (`io.usdt4j.bench.JavaBackendJar`).")
        out("")
        out("| JDK | libraries | 1 provider, wall ms | 100 providers, wall ms | each further provider, wall ms "
            "| each further provider, CPU ms | target |")
        out("|---|---|---:|---:|---:|---:|---|")
        for jdk, name in JDKS:
            for label, (one, hundred_ms, wall, cpu) in hundred.get(jdk, {}).items():
                out(f"| {name.split('.')[0]} | {label} | {one:.1f} | {hundred_ms:.1f} | {wall:+.2f} | {cpu:+.2f} "
                    f"| ≤ 1 ms (wall) {verdict(wall <= 1.0)} |")
    out("")


def read_writer():
    """{"linux-x86_64": {"gcc_ms": [...], "first_write_ms": [...], ...}} from writer.txt, and the provider's name"""
    runs, provider = {}, None
    path = result_path("writer.txt")
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                m = re.match(r"writer round=\d+ platform=(\S+) provider=(\S+) (.*)", line)
                if m:
                    provider = m.group(2)
                    for key, value in (pair.split("=") for pair in m.group(3).split()):
                        runs.setdefault(m.group(1), {}).setdefault(key, []).append(float(value))
    return runs, provider


writer, writer_provider = read_writer()
writer_jmh = read_jmh("jmh-writer.json") if files("jmh-writer.json") else {}
WRITE_TARGET_MS = 5.0


def platform_of(key):
    """linux-x86_64, of the key 'LibraryWriter.write[platform=LINUX_X86_64][provider=bench]'"""
    return re.search(r"platform=(\w+)", key).group(1).lower().replace("_", "-", 1)


def warm_write_us(platform_id, provider):
    key = f"LibraryWriter.write[platform={platform_id.upper().replace('-', '_')}][provider={provider}]"
    return med(writer_jmh[key]) if key in writer_jmh else None


if writer:
    out("## 4b. Writing a provider's library: usdt4j-writer beside gcc")
    out("")
    out(f"`io.usdt4j.bench.LibraryBuildTimes` builds the `{writer_provider}` provider's library both ways, in turns, "
        f"{len(next(iter(writer.values()))['gcc_ms'])} rounds per platform: gcc as the Maven plugin runs it (usdt4j's "
        "command line, `NativeBuild`, over the C the processor generated), and usdt4j-writer in a new JVM, from "
        "the description. *First write* is the write alone, timed inside that JVM, its classes loaded and run for "
        "the first time, as in a javac that runs the processor once; *whole JVM* adds the JVM's start-up. "
        "*Warm* is `LibraryWriterBenchmark` (JMH, average time): a write in a JVM that has written before, as "
        "when the processor writes one provider after another. Target: at most "
        f"{WRITE_TARGET_MS:g} ms per provider and platform.")
    out("")
    out("| platform | gcc ms (median) | range | first write ms | range | whole JVM ms | warm µs (JMH) "
        "| gcc ÷ first write | gcc bytes | usdt4j-writer bytes |")
    out("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for platform_id, r in writer.items():
        warm = warm_write_us(platform_id, writer_provider)
        out(f"| {platform_id} | {med(r['gcc_ms']):.1f} | {span(r['gcc_ms'])} | {med(r['first_write_ms']):.2f} "
            f"| {span(r['first_write_ms'])} | {med(r['write_jvm_ms']):.1f} | "
            + ("" if warm is None else f"{warm:.1f}") + f" | {med(r['gcc_ms']) / med(r['first_write_ms']):.0f}× "
            f"| {med(r['gcc_bytes']):.0f} | {med(r['java_bytes']):.0f} |")
    firsts = [med(r["first_write_ms"]) for r in writer.values()]
    warms = [w for w in (warm_write_us(p, writer_provider) for p in writer) if w is not None]
    out("")
    out(f"Target {WRITE_TARGET_MS:g} ms: a warm write {max(warms) / 1000 if warms else float('nan'):.3f} ms at most "
        f"({verdict(bool(warms) and max(warms) / 1000 <= WRITE_TARGET_MS)}); the first write in a new JVM "
        f"{max(firsts):.2f} ms at most ({verdict(max(firsts) <= WRITE_TARGET_MS)}).")
    hundred = {k: v for k, v in writer_jmh.items() if "provider=hundred" in k}
    if hundred:
        out("")
        out("A provider of 100 probes of 4 arguments each, warm: " + ", ".join(
            f"{platform_of(k)} {med(v):.0f} µs" for k, v in sorted(hundred.items())) + ".")
    out("")


def read_ab():
    """labels in order (head first), and {(label, jdk): {"Untraced.noargs": [ns/op]}} from ab-*.json"""
    path = result_path("ab-labels.txt")
    if not os.path.exists(path):
        return [], {}
    with open(path) as f:
        labels = f.read().split()
    return labels, {(label, jdk): read_jmh(f"ab-{label}-{jdk}-*.json") for label in labels for jdk, _ in JDKS}


ab_labels, ab = read_ab()
if ab_labels:
    revisions = {}
    with open(result_path("ab-revisions.txt")) as f:
        for line in f:
            short, _, subject = line.strip().partition(" ")
            revisions[short] = subject
    out("## 5. Untraced, this revision beside earlier ones (JMH, ns/op)")
    out("")
    out("`scripts/bench-ab.sh` builds each earlier revision with its own processor and Maven repository and runs "
        "`UntracedBenchmark` of each revision and of this one in turn, one fork at a time. Revisions: "
        + "; ".join(f"`{short}` ({subject})" for short, subject in revisions.items()) + ".")
    for jdk, name in JDKS:
        out("")
        out(f"JDK {name}:")
        out("")
        out("| call | " + " | ".join("this revision" if label == "head" else f"`{label}`" for label in ab_labels) +
            " | this ÷ " + " | this ÷ ".join(f"`{label}`" for label in ab_labels[1:]) + " |")
        out("|---|" + "---:|" * (2 * len(ab_labels) - 1))
        for key, label in [("Untraced.baseline", "empty interface method")] + \
                [("Untraced." + s, "usdt4j probe, " + l) for s, l in SHAPES]:
            medians = [med(ab[(lbl, jdk)][key]) for lbl in ab_labels]
            out(f"| {label} | " + " | ".join(f"{m:.2f}" for m in medians) + " | "
                + " | ".join(f"{medians[0] / m:.2f}" for m in medians[1:]) + " |")
    out("")


def read_agent_time():
    """{(jdk, methods, "fresh" or "loaded"): [(instrumented ms, first event ms, restored ms, exit ms, bpftrace killed)]}"""
    runs = {}
    for m in matching_lines("agent-time.txt", r"agenttime jdk=(\S+) methods=(\d+) agent=(\w+) round=\d+ "
                            r"instrumented_ms=([\d.]+) first_event_ms=([\d.]+) restored_ms=([\d.]+) exit_ms=([\d.]+) "
                            r"bpftrace_killed=(\d)"):
        runs.setdefault((m.group(1), int(m.group(2)), m.group(3)), []).append(
            (float(m.group(4)), float(m.group(5)), float(m.group(6)), float(m.group(7)), m.group(8) == "1"))
    return runs


agent_time = read_agent_time()
AGENT_TIME_ROWS = [(1, "fresh", "1 method, first trace (agent loaded by this trace)"),
                   (1, "loaded", "1 method, agent loaded already"),
                   (100, "fresh", "100 methods, first trace (agent loaded by this trace)"),
                   (100, "loaded", "100 methods, agent loaded already")]
if agent_time:
    out("## 6. The agent's time to instrument a running JVM (ms)")
    out("")
    out("`scripts/bench-agent-time.py`: `usdt4j trace -p PID --method SELECTOR` (the command on JDK 17) on "
        "`io.usdt4j.bench.AgentManyTarget`, which calls each of its 200 small static methods every 5 ms. Per round "
        "and JDK, two fresh target JVMs: one traces `#a00` (1 method) then `#b*` (100 other methods), the other "
        "`#a*` (100) then `#b00` (1), so that every trace instruments methods not instrumented before, into a JVM "
        "without the agent (first trace) or with it (second). Timed from the command's start (its JVM included): "
        "its line `usdt4j: instrumented N methods` (attach, instrumentation, library written and loaded), and its "
        "first event (bpftrace started and attached too); then Ctrl-C (SIGINT), and the time to its line "
        "`usdt4j: restored N methods` (every method restored) and to its exit (bpftrace stopped and exited too).")
    for jdk, name in JDKS:
        rows = [(methods, agent, label) for methods, agent, label in AGENT_TIME_ROWS if (jdk, methods, agent) in agent_time]
        if not rows:
            continue
        out("")
        out(f"Target on JDK {name}:")
        out("")
        out("| trace of | runs | instrumented, median | range | first event, median | range | restored after "
            "Ctrl-C, median | range | exit after Ctrl-C, median | range | bpftrace killed at exit |")
        out("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for methods, agent, label in rows:
            samples = agent_time[(jdk, methods, agent)]
            columns = [[sample[i] for sample in samples] for i in range(4)]
            out(f"| {label} | {len(samples)} | " + " | ".join(f"{med(c):.0f} | {min(c):.0f}–{max(c):.0f}" for c in columns)
                + f" | {sum(sample[4] for sample in samples)} of {len(samples)} |")
    if any(sample[4] for samples in agent_time.values() for sample in samples):
        out("")
        out("bpftrace killed: the command asks bpftrace to stop and waits 10 s at most before it kills it "
            "(`usdt4j: bpftrace did not exit 10 s after it was asked to: killed`); a bpftrace that the kernel keeps "
            "detaching its probes dies only when that ends. The methods are restored before that wait.")
    out("")
with open(md_path, "w") as f:
    f.write("\n".join(lines))


# The chart: three panels of horizontal bars, drawn by hand so that the script needs nothing but python3.
W, LABEL, BAR_W, ROW = 840, 300, 360, 22
svg = []
y = 30


def text(x, y, s, size=12, anchor="start", weight="normal"):
    svg.append(f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}">{escape(s)}</text>')


def panel(title, rows, unit, fmt):
    """rows: (label, value, colour)"""
    global y
    text(10, y, title, 14, weight="bold")
    y += 12
    top = max(v for _, v, _ in rows) or 1
    for label, value, colour in rows:
        width = max(1, value / top * BAR_W)
        text(LABEL - 8, y + 15, label, anchor="end")
        svg.append(f'<rect x="{LABEL}" y="{y + 3}" width="{width:.1f}" height="{ROW - 6}" fill="{colour}"/>')
        text(LABEL + width + 6, y + 15, fmt(value) + " " + unit)
        y += ROW
    y += 28


USDT, OTHER, C = "#2b7bb9", "#999999", "#e08a2c"
for jdk, name in JDKS:
    panel(f"Untraced cost per call, JDK {name.split('.')[0]} (median ns/op, lower is better)",
          [(label.replace(" (baseline)", ""), med(untraced[jdk][key]),
            USDT if "usdt4j" in label else OTHER) for key, label in untraced_rows],
          "ns", lambda v: f"{v:.2f}")
traced_rows = []
for nop in SITES:
    for shape, label in SHAPES:
        traced_rows.append((f"usdt4j nop{nop}, {label}", med(traced[nop]["Traced." + shape]), USDT))
        traced_rows.append((f"C nop{nop}, {label}", med(cfire[nop][shape]), C))
panel("Traced cost per fire under bpftrace (median ns/fire)", traced_rows, "ns", lambda v: f"{v:.0f}")
panel(f"Loop benchmark, {machine['loop_iterations']} iterations (median seconds)",
      [("no probes", med(loop["plain"]), OTHER), ("probes, untraced", med(loop["untraced"]), USDT),
       ("probes, traced", med(loop["traced"]), USDT)],
      "", lambda v: f"{v:.3f} s ({(v / plain - 1) * 100:+.2f}%)")
# The chart's panels are the full run's (the base's, when this run has only some sections).
text(10, y - 10, f"{RUNS[-1][1]['date']} · {machine['cpu']} · {machine['kernel']} · bpftrace: JDK {machine['jdk'].split(' ')[0]}", 11)
with open(svg_path, "w") as f:
    f.write(f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{y}" font-family="sans-serif">\n'
            f'<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(svg) + "\n</svg>\n")


if summary_path:
    rows = [
        "| measurement (medians) | usdt4j | compared with | ratio | target |",
        "|---|---|---|---|---|",
    ]
    for jdk, name in JDKS:
        jmh = untraced[jdk]
        baseline, jni, worst = untraced_figures(jmh)
        shapes = " / ".join(f"{med(jmh['Untraced.' + s]):.2f}" for s, _ in SHAPES)
        rows.append(f"| untraced call, JDK {name.split('.')[0]}: 0 args / 3 longs / String / 12 longs | {shapes} ns "
                    f"| empty method {baseline:.2f} ns; unguarded JNI {jni:.2f} ns; disabled JFR event "
                    f"{med(jmh['Untraced.jfrDisabled']):.2f} ns | JNI ÷ slowest probe {jni / worst:.1f}× | ≤ 1 ns and ≥ 10× |")
        gap, jfr_worst = jfr_gap(jmh)
        rows.append(f"| untraced call, `jfr = true`, JDK {name.split('.')[0]}: 0 args / 3 longs / String | "
                    + " / ".join(f"{med(jmh['Untraced.jfr' + s[0].upper() + s[1:]]):.2f}" for s, _ in JFR_SHAPES)
                    + f" ns | the same with `jfr = false` | at most {gap:+.2f} ns | ≤ 1 ns, within 0.2 ns |")
        if jdk in recorded:
            u = [med(recorded[jdk]["JfrRecording.usdt4j" + shape]) for shape, _ in RECORDED_SHAPES]
            h = [med(recorded[jdk]["JfrRecording.handWritten" + shape]) for shape, _ in RECORDED_SHAPES]
            rows.append(f"| JFR recording, JDK {name.split('.')[0]}: " + " / ".join(label for _, label in RECORDED_SHAPES)
                        + " | " + " / ".join(f"{x:.1f}" for x in u) + " ns | hand-written event "
                        + " / ".join(f"{x:.1f}" for x in h) + " ns | " + " / ".join(f"{x / y:.3f}" for x, y in zip(u, h))
                        + " | ≤ 1 |")
    for backend, jmh, ratios in [("C-built", traced[site], traced_ratios), ("Java-written", traced_java, traced_java_ratios)]:
        if jmh:
            rows.append(f"| traced fire (nop{site}), {backend} library: 0 args / 3 longs / String / 12 longs | "
                        + " / ".join(f"{med(jmh['Traced.' + shape]):.0f}" for shape, _ in SHAPES) + " ns | C "
                        + " / ".join(f"{med(cfire[site][shape]):.0f}" for shape, _ in SHAPES) + " ns | "
                        + " / ".join(f"{ratios[shape]:.3f}" for shape, _ in SHAPES) + " | ≤ 1.05 |")
    if alloc_ok:
        rows.append(f"| traced fire (nop{site}), allocation: 0 args / 3 longs / String / 12 longs | "
                    + " / ".join(f"{med(alloc[site]['Traced.' + s]):.2g}" for s, _ in SHAPES)
                    + " B/fire | | | 0 (under 1: none) |")
    for variant, label, target in [("untraced", "untraced", "≤ 0.5%"), ("traced", "traced", "< 2.8%")]:
        m = med(loop[variant])
        rows.append(f"| loop ({machine['loop_iterations']} × 1000 digits of pi), probes {label} | {m:.3f} s "
                    f"| no probes {plain:.3f} s | {(m / plain - 1) * 100:+.2f}% | {target} |")
    for jdk, name in JDKS:
        if jdk in agent_verdicts:
            plain_ns = med(agent_runs[("plain", jdk)]["Agent.longs3[traced=false]"])
            dtrace = f"; -XX:+DTraceMethodProbes {med(agent_runs[('dtrace', jdk)]['Agent.longs3[traced=false]']):.2f} ns" \
                if ("dtrace", jdk) in agent_runs else ""
            rows.append(f"| method instrumented by the agent, untraced, JDK {name.split('.')[0]} "
                        f"| {plain_ns + agent_verdicts[jdk]:.2f} ns | original {plain_ns:.2f} ns{dtrace} "
                        f"| {agent_verdicts[jdk]:+.2f} ns | ≤ +1 ns |")
    if agent_traced:
        j, p = med(agent_traced["Agent.longs3[traced=true]"]), med(traced[site]["Traced.longs3"])
        rows.append(f"| method instrumented by the agent, traced (nop{site}), 3 longs | {j:.0f} ns "
                    f"| generated probe {p:.0f} ns | {j / p:.3f} | ≤ 1.1 |")
    for variant, label, target in [("agent", "the agent's, untraced", "≤ 0.5%"), ("agent-traced", "the agent's, traced", "< 2.8%")]:
        if variant in loop:
            m = med(loop[variant])
            rows.append(f"| loop ({machine['loop_iterations']} × 1000 digits of pi), probes {label} | {m:.3f} s "
                        f"| no probes {plain:.3f} s | {(m / plain - 1) * 100:+.2f}% | {target} |")
    for jdk, name in JDKS:
        if jdk in startup_verdicts:
            one_wall, one_cpu, further = startup_verdicts[jdk]
            rows.append(f"| start-up, JDK {name.split('.')[0]}: one provider, one probe (wall / CPU) "
                        f"| {one_wall:.3f}× / {one_cpu:.3f}× | the same JVM without usdt4j | each further provider "
                        f"{further:+.2f} ms | ≤ 1.15× / ≤ 1.3×; ≤ 1 ms |")
    if writer:
        firsts = {p: med(r["first_write_ms"]) for p, r in writer.items()}
        gccs = {p: med(r["gcc_ms"]) for p, r in writer.items()}
        warm = [warm_write_us(p, writer_provider) for p in writer]
        rows.append(f"| writing a provider's library ({writer_provider}), " + " / ".join(writer) + ": warm; first in a new JVM "
                    f"| " + " / ".join("-" if w is None else f"{w:.0f} µs" for w in warm) + "; "
                    + " / ".join(f"{v:.1f} ms" for v in firsts.values()) + " | gcc "
                    + " / ".join(f"{v:.0f} ms" for v in gccs.values()) + " | | ≤ 5 ms |")
    for jdk, name in JDKS:
        figures = further_providers(startup.get(jdk, {}))
        if figures:
            rows.append(f"| start-up, JDK {name.split('.')[0]}: 100 providers, C-built / Java-written libraries (wall) "
                        f"| " + " / ".join(f"{hundred_ms:.0f}" for _, hundred_ms, _, _ in figures.values()) + " ms "
                        f"| 1 provider " + " / ".join(f"{one:.0f}" for one, _, _, _ in figures.values()) + " ms "
                        f"| each further provider " + " / ".join(f"{wall:+.2f}" for _, _, wall, _ in figures.values())
                        + " ms | ≤ 1 ms |")
    for jdk, name in JDKS:
        if ab_labels and all((label, jdk) in ab for label in ab_labels):
            for other in ab_labels[1:]:
                this = [med(ab[("head", jdk)]["Untraced." + s]) for s, _ in SHAPES]
                then = [med(ab[(other, jdk)]["Untraced." + s]) for s, _ in SHAPES]
                rows.append(f"| untraced call beside `{other}`, JDK {name.split('.')[0]}: 0 args / 3 longs / String / "
                            f"12 longs | " + " / ".join(f"{m:.2f}" for m in this) + " ns | `" + other + "` "
                            + " / ".join(f"{m:.2f}" for m in then) + " ns | "
                            + " / ".join(f"{a / b:.2f}" for a, b in zip(this, then)) + " | no worse |")
    for jdk, name in JDKS:
        if (jdk, 1, "fresh") in agent_time and (jdk, 100, "fresh") in agent_time:
            first = [med([sample[1] for sample in agent_time[(jdk, n, "fresh")]]) for n in (1, 100)]
            instrumented = [med([sample[0] for sample in agent_time[(jdk, n, "fresh")]]) for n in (1, 100)]
            restore = [med([sample[2] for sample in agent_time[(jdk, n, "fresh")]]) for n in (1, 100)]
            exits = [med([sample[3] for sample in agent_time[(jdk, n, "fresh")]]) for n in (1, 100)]
            rows.append(f"| `trace --method` into a running JVM (no agent yet), JDK {name.split('.')[0]}: 1 / 100 methods, "
                        f"to the first event | {first[0] / 1000:.1f} / {first[1] / 1000:.1f} s | to its `instrumented` "
                        f"line {instrumented[0] / 1000:.1f} / {instrumented[1] / 1000:.1f} s; after Ctrl-C, restored "
                        f"{restore[0] / 1000:.1f} / {restore[1] / 1000:.1f} s, exit {exits[0] / 1000:.1f} / "
                        f"{exits[1] / 1000:.0f} s | | |")
    with open(summary_path, "w") as f:
        f.write("\n".join(rows) + "\n")
