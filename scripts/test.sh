#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs usdt4j's prerequisites (Debian/Ubuntu) and runs every test: the Maven build on the
# default JDK, again on JDK 25 when one is installed, the README tutorial in a new project, the
# release build end to end (scripts/check-release.sh: a signed release built twice and compared,
# its bundle, tarball and .deb, and a consumer of the bundle alone), and a smoke run of the
# benchmarks. The release checks build HEAD, so the checkout must be clean. The integration tests also build every provider for every other
# platform of the table (linux-aarch64, linux-ppc64le) and run it on that platform's JVM under qemu, so the cross
# compilers and binutils, qemu-user-static and those JDKs (multiarch) are installed too.
#
# Usage: scripts/test.sh            (as root, or as a user who may use sudo)
# As root, tests that need bpftrace must run: USDT4J_REQUIRE_TRACER=1 turns their skips into
# failures. Set USDT4J_TEST_USDT_H=/path/usdt.h to also test libbpf's usdt.h backend.
#
# A step that fails does not stop the others. The last line totals the tests of the Maven runs,
# "usdt4j: N passed, N failed, N skipped", whatever failed; the exit status is 1 when any step
# failed, each of which is named on stderr before that line.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
[ "$(id -u)" -ne 0 ] || export USDT4J_REQUIRE_TRACER=1

# maven: check-tutorial.sh builds with the system's mvn, as a user following the README would.
# The tools the tests compare the Java-written libraries with gcc's in: elfutils, bcc, gdb, perf.
install_prerequisites maven "${TEST_TOOL_PACKAGES[@]}"
# The integration tests also build and check every other platform's libraries, and run them under qemu.
install_cross_prerequisites

# Each Maven run's log is kept, so that the last line can total the tests of every run.
make_work_dir usdt4j-test
logs=$work

# A step that fails is named, and the next runs: the tally comes at the end whatever failed.
failures=()
step() {  # NAME COMMAND...
    local name=$1 status=0
    shift
    "$@" || status=$?
    [ "$status" -eq 0 ] || failures+=("$name (exit $status)")
}
maven_run() {  # LOG GOAL [VARIABLE=VALUE...] [-- MAVEN-ARGUMENTS...]: ./mvnw -B GOAL, its output kept in $logs/maven-LOG.log
    local log=$1 goal=$2
    shift 2
    local variables=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do variables+=("$1"); shift; done
    [ $# -eq 0 ] || shift
    env "${variables[@]}" ./mvnw -B "$goal" "$@" | tee "$logs/maven-$log.log"
}

# install, not only verify: the tutorial below builds against this build in ~/.m2.
say "Build and test: ./mvnw -B install (USDT4J_REQUIRE_TRACER=${USDT4J_REQUIRE_TRACER:-0})"
step "./mvnw -B install" maven_run jdk-default install

if [ -x "$USDT4J_JDK25/bin/javac" ]; then
    # Every test again but what does not depend on the JDK that runs Maven: the plugin's ITs run
    # Maven builds of their own, and coverage-guided fuzzing explores the same code (its seeds run).
    say "Again on JDK 25 ($USDT4J_JDK25)"
    step "./mvnw -B verify on JDK 25" maven_run jdk25 verify JAVA_HOME="$USDT4J_JDK25" \
        -- -Dusdt4j.pluginIts.skip=true -Dusdt4j.fuzz.skip=true
else
    say "No JDK 25 at $USDT4J_JDK25 (set USDT4J_JDK25): tested on the default JDK only"
fi

say "README tutorial in a new project: scripts/check-tutorial.sh"
step "scripts/check-tutorial.sh" env USDT4J_TUTORIAL_INSTALLED=1 scripts/check-tutorial.sh

say "The release end to end (signed bundle, reproducibility, tarball, .deb, a consumer of the bundle): scripts/check-release.sh"
step "scripts/check-release.sh" scripts/check-release.sh

if [ "$(id -u)" -eq 0 ]; then
    say "Benchmarks smoke run (no measurement): scripts/bench.sh --quick --no-build"
    step "scripts/bench.sh --quick --no-build" scripts/bench.sh --quick --no-build
else
    say "Benchmarks smoke run skipped: its traced benchmarks attach bpftrace, which needs root"
fi

[ ${#failures[@]} -eq 0 ] || printf 'test: FAILED: %s\n' "${failures[@]}" >&2

# Surefire's per-module totals ("Tests run: N, Failures: F, Errors: E, Skipped: S" alone on a
# line), added up over both JDKs.
sed 's/\x1b\[[0-9;]*m//g' "$logs"/maven-*.log | awk '
    /^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$/ {
        gsub(/,/, ""); run += $4; failed += $6 + $8; skipped += $10
    }
    END { printf "usdt4j: %d passed, %d failed, %d skipped\n", run - failed - skipped, failed, skipped }'
[ ${#failures[@]} -eq 0 ]
