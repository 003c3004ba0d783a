#!/usr/bin/env bash
# Untraced cost per call of this checkout beside a base revision, side by side: JMH's
# UntracedBenchmark, one fork of each in turn, for several rounds, on JDK 17 and on Temurin 25
# when installed. Writes the JMH JSON and a summary (medians, ranges, this ÷ base) to
# docs/bench-results/<date>-ab-<name>/ (or OUT=...).
#
# Usage: scripts/bench-ab.sh BASE-REVISION NAME      e.g. scripts/bench-ab.sh b6571e3 binding
# Env:   ROUNDS=3 (forks of each variant per JDK), OUT=directory
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

base=${1:?usage: scripts/bench-ab.sh BASE-REVISION NAME}
name=${2:?usage: scripts/bench-ab.sh BASE-REVISION NAME}
rounds=${ROUNDS:-3}
out=${OUT:-docs/bench-results/$(date -u +%Y-%m-%d)-ab-$name}
JDK25=${USDT4J_BENCH_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
work=benchmarks/target/ab

say() { printf '\n==> %s\n' "$*"; }

say "Build the base ($base) in $work/base and this checkout"
rm -rf "$work"
mkdir -p "$work" "$out"
git worktree remove --force "$work/base" 2>/dev/null || true
git worktree add --detach "$work/base" "$base" >/dev/null
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true' EXIT
# package, not install: neither build may replace the other's snapshots in ~/.m2.
(cd "$work/base" && ./mvnw -B -q package -DskipTests -pl benchmarks -am)
cp "$work/base/benchmarks/target/benchmarks.jar" "$work/base.jar"
./mvnw -B -q package -DskipTests -pl benchmarks -am
cp benchmarks/target/benchmarks.jar "$work/head.jar"

{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "base=$(git rev-parse --short "$base") head=$(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
    echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1) cpus=$(nproc) kernel=$(uname -r)"
    echo "rounds=$rounds load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt"

jdks=(java)
[ ! -x "$JDK25/bin/java" ] || jdks+=("$JDK25/bin/java")
for jdk in "${jdks[@]}"; do
    label=jdk$("$jdk" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    for round in $(seq "$rounds"); do
        for variant in base head; do  # in turn, so that a slow moment of the machine hits both alike
            say "$label round $round: $variant"
            "$jdk" -jar "$work/$variant.jar" 'io\.usdt4j\.bench\.UntracedBenchmark\.' -f 1 \
                -rf json -rff "$out/$label-$variant-$round.json" >"$work/$label-$variant-$round.log" 2>&1 \
                || { tail -40 "$work/$label-$variant-$round.log"; exit 1; }
        done
    done
done
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"

python3 - "$out" <<'PY' | tee "$out/summary.md"
import glob, json, os, re, statistics, sys
out = sys.argv[1]
samples = {}  # (jdk, benchmark, variant) -> [ns]
for path in sorted(glob.glob(os.path.join(out, "jdk*-*-*.json"))):
    jdk, variant, _ = os.path.basename(path)[:-5].split("-")
    for result in json.load(open(path)):
        name = result["benchmark"].rsplit(".", 1)[1]
        for iteration in result["primaryMetric"]["rawData"]:
            samples.setdefault((jdk, name, variant), []).extend(iteration)
for jdk in sorted({k[0] for k in samples}):
    print(f"\n{jdk}: untraced ns per call, medians of all iterations of all forks (range)\n")
    print("| benchmark | base | this | this - base | this ÷ base |")
    print("|---|---:|---:|---:|---:|")
    for name in sorted({k[1] for k in samples if k[0] == jdk}):
        b, h = samples.get((jdk, name, "base")), samples.get((jdk, name, "head"))
        if not b or not h:
            continue
        mb, mh = statistics.median(b), statistics.median(h)
        print(f"| {name} | {mb:.3f} ({min(b):.3f}–{max(b):.3f}) | {mh:.3f} ({min(h):.3f}–{max(h):.3f}) "
              f"| {mh - mb:+.3f} | {mh / mb:.2f} |")
PY
