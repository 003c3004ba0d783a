#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Untraced cost per call, before and after: UntracedBenchmark of earlier revisions beside this
# checkout's, one JMH fork of each in turn, on JDK 17 and on $USDT4J_JDK25 when installed, so that every
# revision meets the same moments of the machine's load.
#
# Usage: scripts/bench-ab.sh OUT_DIR [--quick] REVISION...
#   Each REVISION (a commit of this repository) is built in a git worktree of its own with a Maven
#   repository of its own (seeded from ~/.m2 without io.usdt4j), so that its benchmarks compile
#   with its own annotation processor, not this checkout's. This checkout's benchmarks jar must be
#   built already (scripts/bench.sh builds it). Results: OUT_DIR/ab-<label>-<jdk>-<round>.json,
#   where <label> is a revision's short hash or "head"; scripts/bench-report.py puts them side by side.
#   --quick: tiny iterations, one round: a smoke run that measures nothing.
#   USDT4J_BENCH_HEAD_JAR: this checkout's benchmarks jar (default benchmarks/target/benchmarks.jar),
#   e.g. a copy, so that a build during the run does not replace the jar under a fork.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/lib.sh
source scripts/lib.sh

[ $# -ge 2 ] || die "usage: $0 OUT_DIR [--quick] REVISION..."
out=$1
shift
rounds=3
jmh_options=(-f 1)
if [ "${1:-}" = --quick ]; then
    rounds=1
    jmh_options=(-f 1 -wi 0 -i 1 -r 100ms)
    shift
fi
[ $# -ge 1 ] || die "name at least one revision to compare with"
HEAD_JAR=${USDT4J_BENCH_HEAD_JAR:-benchmarks/target/benchmarks.jar}
[ -f "$HEAD_JAR" ] || die "$HEAD_JAR missing: build it first (scripts/bench.sh does)"
mkdir -p "$out"
logs=${USDT4J_BENCH_LOGS:-$out}  # scripts/bench.sh keeps its logs out of docs/
mkdir -p "$logs"

make_work_dir usdt4j-bench-ab
git worktree prune
labels=(head)
jars=("$HEAD_JAR")
for revision in "$@"; do
    short=$(git rev-parse --short "$revision^{commit}") || die "no revision $revision"
    tree=$work/$short
    say "Build $short's benchmarks in $tree, with its own Maven repository"
    git worktree add --detach -f "$tree" "$short" >/dev/null
    repo=$work/repo-$short
    mkdir -p "$repo"
    cp -a "${HOME}/.m2/repository/." "$repo/" 2>/dev/null || true
    rm -rf "$repo/io/usdt4j"
    # The whole reactor: the benchmarks take the processor from the repository (annotation
    # processor path), which -pl benchmarks -am does not always build. Offline first, from the seed.
    (cd "$tree" && ./mvnw -B -q -o install -DskipTests -Dmaven.repo.local="$repo") \
        || (cd "$tree" && ./mvnw -B -q install -DskipTests -Dmaven.repo.local="$repo") \
        || die "could not build $short's benchmarks"
    labels+=("$short")
    jars+=("$tree/benchmarks/target/benchmarks.jar")
done

javas=("java=jdk17")
[ ! -x "$USDT4J_JDK25/bin/java" ] || javas+=("$USDT4J_JDK25/bin/java=jdk25")
benchmarks='io\.usdt4j\.bench\.UntracedBenchmark\.(baseline|noargs|longs3|string|args12)$'
say "Untraced, before and after: $rounds rounds of {one JMH fork per revision} per JDK (log: $logs/ab.log)"
: >"$logs/ab.log"
for round in $(seq "$rounds"); do
    for spec in "${javas[@]}"; do
        java=${spec%=*} jdk=${spec#*=}
        for i in "${!labels[@]}"; do
            "$java" -jar "${jars[$i]}" "$benchmarks" "${jmh_options[@]}" \
                -rf json -rff "$out/ab-${labels[$i]}-$jdk-$round.json" >>"$logs/ab.log" 2>&1 \
                || { tail -50 "$logs/ab.log"; die "JMH failed for ${labels[$i]} on $jdk"; }
        done
    done
done
for revision in "$@"; do
    git worktree remove --force "$work/$(git rev-parse --short "$revision^{commit}")"
done
printf '%s\n' "${labels[@]}" >"$out/ab-labels.txt"
for revision in "$@"; do
    echo "$(git rev-parse --short "$revision^{commit}") $(git log -1 --format=%s "$revision" | cut -c1-80)"
done >"$out/ab-revisions.txt"
echo "wrote $out/ab-*.json"
