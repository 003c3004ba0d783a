#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs usdt4j's benchmarks side by side and writes docs/benchmarks.md and docs/benchmarks.svg:
#   1. untraced cost per call (JMH, on JDK 17 and on $USDT4J_JDK25 when installed): usdt4j probes of
#      four shapes, an empty interface method, an unguarded JNI probe, a JFR event that no
#      recording enables, and three shapes of a jfr = true provider;
#   1b. cost per call while JFR records (JMH, both JDKs): jfr = true probes beside hand-written
#      JFR events of the same shapes;
#   2. traced cost per fire (JMH, and cfire in C) under the same bpftrace program, on both kinds
#      of probe site (one-byte and, on x86-64, five-byte nops: see usdt4j.h), and what each traced
#      fire allocates (JMH's gc profiler in the same forks: gc.alloc.rate.norm, bytes per fire);
#      on the default site also with the libraries usdt4j-writer wrote (benchmarks-java.jar, made
#      from the benchmarks jar by io.usdt4j.bench.JavaBackendJar), the other backend;
#   2b. a method instrumented by the usdt4j agent (AgentBenchmark): the same small static method
#      without an agent, instrumented, and under HotSpot's -XX:+DTraceMethodProbes, in turns, on
#      both JDKs; and instrumented with bpftrace on its entry probe (JDK 17);
#   3. the loop benchmark: 100,000 iterations computing 1000 digits of pi each, without probes,
#      with probes untraced, with probes traced by bpftrace, and with the agent's probes on each
#      iteration untraced and traced; 3 runs of each, interleaved;
#   4. start-up (scripts/bench-startup.py): whole JVMs that initialize one, five or 100 providers
#      and call a probe, beside the same JVM without usdt4j, interleaved, 20 runs each, on both JDKs;
#      1 and 100 providers also with the Java-written libraries (benchmarks-java.jar);
#   4b. writing a provider's library: gcc (usdt4j's command line) and usdt4j-writer in a new JVM,
#      in turns, per platform (LibraryBuildTimes: times and sizes), then LibraryWriterBenchmark (JMH:
#      a write in a warm JVM);
#   5. with --ab=REVISION (repeatable): untraced cost per call of earlier revisions beside this
#      one's (scripts/bench-ab.sh), about 4 minutes per revision and JDK;
#   6. the agent's time to instrument (scripts/bench-agent-time.py): `usdt4j trace -p PID --method`
#      of 1 and of 100 methods of a running JVM, to its first event, into a fresh JVM and into one
#      where the agent is loaded already, and the time it takes to restore on exit; 3 rounds on
#      both JDKs (about 10 minutes, most of it bpftrace attaching and detaching 200 probes).
# Raw results (JMH JSON, cfire and loop output, start-up runs, machine) go to docs/bench-results/<date>/;
# the logs to benchmarks/target/bench-logs/, out of the repository.
#
# Usage (as root: bpftrace needs it):
#   scripts/bench.sh            the full run (about 40 minutes on 2 cores: a quarter of it the loop,
#                               a quarter the agent's time to instrument)
#   scripts/bench.sh --quick    a smoke run in seconds: tiny iterations, results in
#                               benchmarks/target/bench-quick, nothing written under docs/, no claims
#   --no-build                  use the benchmarks jar already built (scripts/test.sh does)
#   --ab=REVISION               also compare untraced cost with REVISION (a commit), e.g. the last
#                               release or the commit before a change to the generated code
#   --only=SECTION,...          run only these sections: untraced, jfr, traced, agent, loop, startup,
#                               writer, agent-time, ab (ab needs --ab). The results go to
#                               docs/bench-results/<date>-<sections>/, whose machine.txt names the
#                               newest full run (base=) that scripts/bench-report.py takes the other
#                               sections from, so docs/benchmarks.md keeps them.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/lib.sh
source scripts/lib.sh

mode=default
build=1
ab_revisions=()
all_sections=untraced,jfr,traced,agent,loop,startup,writer,agent-time,ab
only=""
for arg in "$@"; do
    case "$arg" in
        --quick) mode=quick ;;
        --no-build) build=0 ;;
        --ab=*) ab_revisions+=("${arg#--ab=}") ;;
        --only=*) only=${arg#--only=} ;;
        *) die "unknown option $arg (see the comment at the top of $0)" ;;
    esac
done

for section in ${only//,/ }; do
    [[ ",$all_sections," == *",$section,"* ]] || die "--only: no section $section (sections: $all_sections)"
done
[[ ",$only," != *,ab,* ]] || [ "${#ab_revisions[@]}" -gt 0 ] || die "--only=ab needs --ab=REVISION"
want() {  # SECTION: whether this run runs it
    [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]
}

[ "$(id -u)" -eq 0 ] || die "run as root: the traced benchmarks attach bpftrace"
if command -v python3 >/dev/null; then install_prerequisites; else install_prerequisites python3; fi

if [ "$build" -eq 1 ]; then
    say "Build: ./mvnw -B -q package -DskipTests -pl benchmarks,agent,cli -am"
    ./mvnw -B -q package -DskipTests -pl benchmarks,agent,cli -am
fi
JAR=benchmarks/target/benchmarks.jar
CFIRE=benchmarks/target/cfire
CFIRE_NOP5=benchmarks/target/cfire-nop5  # x86-64 only
TRACED_BT=benchmarks/src/main/resources/io/usdt4j/bench/traced.bt
AGENT=agent/target/usdt4j-agent.jar
CLI=cli/target/usdt4j-cli.jar  # usdt4j trace, which carries the agent
[ -f "$JAR" ] && [ -x "$CFIRE" ] && [ -f "$AGENT" ] && [ -f "$CLI" ] \
    || die "$JAR, $CFIRE, $AGENT or $CLI missing: run without --no-build"
# The same benchmarks on the other backend: every library written in Java instead of compiled.
JAR_JAVA=benchmarks/target/benchmarks-java.jar
java -cp "$JAR" io.usdt4j.bench.JavaBackendJar "$JAR" "$JAR_JAVA" || die "could not make $JAR_JAVA"

case "$mode" in
    quick)
        # Just enough to show that every benchmark compiles, runs and is traced.
        jmh_options=(-wi 0 -i 1 -r 100ms)
        untraced_forks=(-f 1)
        cfire_fires=2000 cfire_runs=1 rounds=1
        loop_iterations=3 loop_warmup=1 loop_runs=1
        startup_runs=2 ab_options=(--quick) writer_rounds=1
        # The smoke run traces 1 method, twice, on JDK 17 only: seconds, not the 100 methods' minutes.
        agent_time_options=(--one-method) agent_time_rounds=1 agent_time_javas=(java=jdk17)
        agent_time_traces="a trace of 1 method, fresh JVM, then agent loaded"
        out=benchmarks/target/bench-quick
        rm -rf "$out"
        mkdir -p "$out"
        logs=$out
        ;;
    default)
        jmh_options=()     # the iterations annotated on the benchmark classes
        untraced_forks=()  # the forks annotated on UntracedBenchmark
        cfire_fires=500000 cfire_runs=5 rounds=3
        # An iteration takes about 0.3 ms (PiMachin), so a run of 100,000 about 30 s; the
        # warm-up, in the same JVM, lets C2 compile the loop before the clock starts.
        loop_iterations=100000 loop_warmup=5000 loop_runs=3
        startup_runs=20 ab_options=() writer_rounds=10
        agent_time_options=() agent_time_rounds=3 agent_time_javas=()
        agent_time_traces="traces of 1 and of 100 methods, fresh JVM and agent loaded"
        out=docs/bench-results/$(date -u +%Y-%m-%d)
        # A run of some sections has a directory of its own: the day's full run stays whole.
        [ -z "$only" ] || out=$out-${only//,/-}
        rm -rf "$out"
        mkdir -p "$out"
        # The logs stay out of the repository: docs/ keeps the JSON, the C and loop output, the summaries.
        logs=benchmarks/target/bench-logs
        rm -rf "$logs"
        mkdir -p "$logs"
        ;;
esac
echo "mode=$mode results=$out"

jdk_name() {  # "17.0.15+6-Debian-1deb12u1 (OpenJDK 64-Bit Server VM)"
    local settings
    settings=$("$1" -XshowSettings:properties -version 2>&1)
    echo "$(sed -n 's/^ *java.runtime.version = //p' <<<"$settings") ($(sed -n 's/^ *java.vm.name = //p' <<<"$settings"))"
}

say "Machine"
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "mode=$mode"
    echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "cpus=$(nproc)"
    echo "kernel=$(uname -sr)"
    echo "jdk=$(jdk_name java)"
    [ ! -x "$USDT4J_JDK25/bin/java" ] || echo "jdk25=$(jdk_name "$USDT4J_JDK25/bin/java")"
    echo "bpftrace=$(bpftrace --version)"
    echo "loop_iterations=$loop_iterations"
    echo "loop_warmup=$loop_warmup"
    echo "loop_runs=$loop_runs"
    echo "cfire_fires=$cfire_fires"
    echo "cfire_runs=$((cfire_runs * rounds))"
    echo "rounds=$rounds"
    echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
    if [ -n "$only" ]; then
        echo "sections=$only"
        # The newest earlier run, whole or of some sections (by the date in its machine.txt): the
        # report takes the other sections from it, and from the run that one names, and so on.
        base=$(for dir in docs/bench-results/*/; do
            dir=${dir%/}
            [ "$dir" != "$out" ] && grep -qx 'mode=default' "$dir/machine.txt" 2>/dev/null || continue
            echo "$(sed -n 's/^date=//p' "$dir/machine.txt") $dir"
        done | sort | tail -1 | sed 's/.* //')
        [ -z "$base" ] || echo "base=$base"
    fi
} | tee "$out/machine.txt"

per_jdk() {  # JAVA LABEL BENCHMARK-CLASS RESULT-NAME DESCRIPTION: one JMH run of a class, forks as untraced
    say "JMH on $2: $5 (log: $logs/jmh-$4-$2.log)"
    "$1" -jar "$JAR" "io\\.usdt4j\\.bench\\.$3\\." "${untraced_forks[@]}" "${jmh_options[@]}" \
        -rf json -rff "$out/jmh-$4-$2.json" >"$logs/jmh-$4-$2.log" 2>&1 \
        || { tail -50 "$logs/jmh-$4-$2.log"; die "JMH failed"; }
    sed -n '/^Benchmark /,/^$/p' "$logs/jmh-$4-$2.log"
}
for class_name in "UntracedBenchmark untraced untraced probes and the alternatives" \
        "JfrRecordingBenchmark jfr jfr = true probes while JFR records them, beside hand-written events"; do
    read -r class name description <<<"$class_name"
    want "$name" || continue
    per_jdk java jdk17 "$class" "$name" "$description"
    [ ! -x "$USDT4J_JDK25/bin/java" ] || per_jdk "$USDT4J_JDK25/bin/java" jdk25 "$class" "$name" "$description"
done

# Traced: usdt4j (one JMH fork per probe, on each kind of site) and cfire (on each kind) take
# turns, so that all meet the same moments of a shared machine's load.
if want traced; then
say "Traced: $rounds rounds of {JMH fork per probe and site, cfire process of $cfire_runs runs x $cfire_fires fires per probe and site}"
: >"$out/cfire.txt"
: >"$logs/jmh-traced.log"
: >"$logs/jmh-traced-java.log"
sites=(1)
[ ! -x "$CFIRE_NOP5" ] || sites=(5 1)
traced_jmh() {  # JAR NOP RESULT LOG: one traced JMH fork per probe on the sites of kind NOP
    # -prof gc reads the thread's allocated bytes between iterations only, not per fire.
    java -jar "$1" 'io\.usdt4j\.bench\.TracedBenchmark\.' -f 1 "${jmh_options[@]}" -prof gc \
        -jvmArgsAppend "-Dusdt4j.probeNop=$2" -rf json -rff "$3" >>"$4" 2>&1 || { tail -50 "$4"; die "JMH failed"; }
}
for round in $(seq "$rounds"); do
    for nop in "${sites[@]}"; do
        traced_jmh "$JAR" "$nop" "$out/jmh-traced-nop$nop-$round.json" "$logs/jmh-traced.log"
        [ "$nop" != "${sites[0]}" ] \
            || traced_jmh "$JAR_JAVA" "$nop" "$out/jmh-traced-java-nop$nop-$round.json" "$logs/jmh-traced-java.log"
        cfire=$CFIRE
        [ "$nop" = 1 ] || cfire=$CFIRE_NOP5
        "$cfire" "$TRACED_BT" "$cfire_fires" "$cfire_runs" 2>>"$logs/cfire.err" \
            | sed "s/^cfire /cfire nop=$nop /" >>"$out/cfire.txt" || { cat "$logs/cfire.err"; die "cfire failed"; }
    done
done
# The controls (TracedControlBenchmark): the same kind of fire with no usdt4j code, from a C loop
# and from one JNI call per fire, in a JVM; they say where usdt4j's time beyond cfire's goes.
say "Traced controls: $rounds JMH forks of TracedControlBenchmark (log: $logs/jmh-control.log)"
: >"$logs/jmh-control.log"
for round in $(seq "$rounds"); do
    java -jar "$JAR" 'io\.usdt4j\.bench\.TracedControlBenchmark\.' -f 1 "${jmh_options[@]}" \
        -p "nop=$(IFS=,; echo "${sites[*]}")" \
        -rf json -rff "$out/jmh-control-$round.json" >>"$logs/jmh-control.log" 2>&1 \
        || { tail -50 "$logs/jmh-control.log"; die "JMH failed"; }
done
grep '^Traced' "$logs/jmh-traced.log" "$logs/jmh-control.log"
# Each traced fork prints its probe sites and bpftrace's counts as it detaches: proof that the
# fires were traced, on the sites asked for.
grep -o 'usdt4j probe sites.*\|bpftrace @n.*' "$logs/jmh-traced.log" >"$out/jmh-traced-counts.txt" \
    && sed 's/^/  JMH fork: /' "$out/jmh-traced-counts.txt" \
    || die "no traced JMH fork printed bpftrace's counts"
grep -o 'usdt4j probe sites.*\|bpftrace @n.*' "$logs/jmh-traced-java.log" >"$out/jmh-traced-java-counts.txt" \
    && sed 's/^/  JMH fork, Java-written library: /' "$out/jmh-traced-java-counts.txt" \
    || die "no traced JMH fork of the Java-written library printed bpftrace's counts"
cat "$out/cfire.txt"
fi

if want agent; then
say "Agent: AgentBenchmark in turns {no agent, instrumented, -XX:+DTraceMethodProbes} per JDK, then instrumented and traced"
: >"$logs/jmh-agent.log"
agent_javas=(java=jdk17)
# The quick run shows that each variant runs; JDK 25's take a full run.
[ ! -x "$USDT4J_JDK25/bin/java" ] || [ "$mode" = quick ] || agent_javas+=("$USDT4J_JDK25/bin/java=jdk25")
agent_options() {  # VARIANT: the JVM options of AgentBenchmark's fork
    case "$1" in
        plain) echo "-Dusdt4j.bench.agent=false" ;;
        agent|traced) echo "-javaagent:$AGENT=io.usdt4j.bench.AgentTarget#longs3 -Dusdt4j.bench.agent=true" ;;
        dtrace) echo "-XX:+DTraceMethodProbes" ;;
    esac
}
for round in $(seq "$rounds"); do
    for java_label in "${agent_javas[@]}"; do
        for variant in plain agent dtrace; do
            "${java_label%%=*}" -jar "$JAR" 'io\.usdt4j\.bench\.AgentBenchmark\.' -f 1 "${jmh_options[@]}" \
                -jvmArgsAppend "$(agent_options "$variant")" \
                -rf json -rff "$out/jmh-agent-$variant-${java_label#*=}-$round.json" >>"$logs/jmh-agent.log" 2>&1 \
                || { tail -50 "$logs/jmh-agent.log"; die "JMH failed"; }
        done
    done
    java -jar "$JAR" 'io\.usdt4j\.bench\.AgentBenchmark\.' -f 1 "${jmh_options[@]}" -p traced=true \
        -jvmArgsAppend "$(agent_options traced)" \
        -rf json -rff "$out/jmh-agent-traced-jdk17-$round.json" >>"$logs/jmh-agent.log" 2>&1 \
        || { tail -50 "$logs/jmh-agent.log"; die "JMH failed"; }
done
grep -o 'bpftrace @n.*' "$logs/jmh-agent.log" | sed 's/^/  JMH fork, instrumented method: /' \
    || die "no traced AgentBenchmark fork printed bpftrace's count"
fi

if want loop; then
say "Loop benchmark: $loop_runs x {plain, untraced, traced, agent, agent-traced}, $loop_iterations iterations of 1000 digits of pi"
: >"$out/loop.txt"
for run in $(seq "$loop_runs"); do
    # Interleaved, so that a slow moment of the machine hits every variant alike.
    for variant in plain untraced traced agent agent-traced; do
        agent_option=()
        [[ "$variant" != agent* ]] || agent_option=("-javaagent:$AGENT=io.usdt4j.bench.PiLoop#iteration")
        java "${agent_option[@]}" -cp "$JAR" io.usdt4j.bench.PiLoop "$variant" "$loop_iterations" "$loop_warmup" \
            | sed "s/^piloop /piloop run=$run /" | tee -a "$out/loop.txt"
    done
done
fi

javas=(java=jdk17)
[ ! -x "$USDT4J_JDK25/bin/java" ] || javas+=("$USDT4J_JDK25/bin/java=jdk25")
if want startup; then
say "Start-up: $startup_runs x {plain, 1, 5 and 100 providers, first run; 1 and 100 Java-written} whole JVMs per JDK"
: >"$out/startup.txt"
python3 scripts/bench-startup.py "$out/startup.txt" "$startup_runs" "${javas[@]}" -- "$JAR" "$JAR_JAVA" \
    || die "the start-up benchmark failed"
fi

if want writer; then
say "Writing a library: $writer_rounds x {gcc, usdt4j-writer in a new JVM} per platform, then LibraryWriterBenchmark (log: $logs/jmh-writer.log)"
java -cp "$JAR" io.usdt4j.bench.LibraryBuildTimes "$writer_rounds" bench "$JAR" | tee "$out/writer.txt" \
    || die "LibraryBuildTimes failed"
java -jar "$JAR" 'io\.usdt4j\.bench\.LibraryWriterBenchmark\.' -bm avgt "${jmh_options[@]}" \
    -rf json -rff "$out/jmh-writer.json" >"$logs/jmh-writer.log" 2>&1 || { tail -50 "$logs/jmh-writer.log"; die "JMH failed"; }
sed -n '/^Benchmark /,/^$/p' "$logs/jmh-writer.log"
fi

if want agent-time; then
[ "${#agent_time_javas[@]}" -gt 0 ] || agent_time_javas=("${javas[@]}")
say "Agent's time to instrument: $agent_time_rounds x {$agent_time_traces} per JDK"
: >"$out/agent-time.txt"
python3 scripts/bench-agent-time.py "${agent_time_options[@]}" "$out/agent-time.txt" "$agent_time_rounds" "$CLI" "$JAR" \
    "${agent_time_javas[@]}" || die "the agent's time to instrument failed"
fi

if want ab && [ "${#ab_revisions[@]}" -gt 0 ]; then
    USDT4J_BENCH_LOGS=$logs scripts/bench-ab.sh "$out" "${ab_options[@]}" "${ab_revisions[@]}"
fi

# Other processes skew every figure: the load average says whether the machine was quiet.
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"

# JMH writes its JSON indented; one line per file keeps docs/bench-results small and loses nothing.
python3 - "$out" <<'PY'
import glob, json, os, sys
for path in glob.glob(os.path.join(sys.argv[1], "*.json")):
    with open(path) as f:
        data = json.load(f)
    with open(path, "w") as f:
        json.dump(data, f, separators=(",", ":"))
        f.write("\n")
PY

say "Report"
if [ "$mode" = quick ]; then
    python3 scripts/bench-report.py "$out" "$out/benchmarks.md" "$out/benchmarks.svg" "$out/summary.md"
    echo "quick run: $out/benchmarks.md (smoke only: not a measurement)"
else
    python3 scripts/bench-report.py "$out" docs/benchmarks.md docs/benchmarks.svg "$out/summary.md"
    # The README's Performance section shows the summary between these markers.
    python3 - "$out/summary.md" <<'PY'
import re, sys
summary = open(sys.argv[1]).read()
readme = open("README.md").read()
begin, end = "<!-- benchmarks-summary:begin -->\n", "<!-- benchmarks-summary:end -->"
if begin not in readme or end not in readme:
    sys.exit("README.md lacks the benchmarks-summary markers")
head, rest = readme.split(begin, 1)
open("README.md", "w").write(head + begin + summary + end + rest.split(end, 1)[1])
PY
    cat docs/benchmarks.md
fi
