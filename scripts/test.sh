#!/usr/bin/env bash
# Installs usdt4j's prerequisites (Debian/Ubuntu) and runs every test: the Maven build on the
# default JDK, again on JDK 25 when one is installed, the README tutorial in a new project, and a
# smoke run of the benchmarks. The integration tests also build every provider for linux-aarch64
# and run it on an arm64 JVM under qemu, so the cross compiler, qemu-user-static and that JDK
# (multiarch) are installed too.
#
# Usage: scripts/test.sh            (as root, or as a user who may use sudo)
# As root, tests that need bpftrace must run: USDT4J_REQUIRE_TRACER=1 turns their skips into
# failures. Set USDT4J_TEST_USDT_H=/path/usdt.h to also test libbpf's usdt.h backend.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'test: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
    export USDT4J_REQUIRE_TRACER=1
elif command -v sudo >/dev/null; then
    SUDO=(sudo)
else
    SUDO=()
fi

# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh
# maven: check-tutorial.sh builds with the system's mvn, as a user following the README would.
install_prerequisites maven
# The integration tests also build and check the aarch64 libraries, and run them under qemu.
install_cross_prerequisites

# Each Maven run's log is kept, so that the last line can total the tests of every run.
logs=$(mktemp -d "${TMPDIR:-/tmp}/usdt4j-test.XXXXXX")
trap 'rm -rf "$logs"' EXIT

say "Build and test: ./mvnw -B verify (USDT4J_REQUIRE_TRACER=${USDT4J_REQUIRE_TRACER:-0})"
./mvnw -B verify | tee "$logs/jdk-default.log"

JDK25=${USDT4J_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -x "$JDK25/bin/javac" ]; then
    say "Again on JDK 25 ($JDK25)"
    JAVA_HOME="$JDK25" ./mvnw -B verify | tee "$logs/jdk25.log"
else
    say "No JDK 25 at $JDK25 (set USDT4J_JDK25): tested on the default JDK only"
fi

say "README tutorial in a new project: scripts/check-tutorial.sh"
scripts/check-tutorial.sh

if [ "$(id -u)" -eq 0 ]; then
    say "Benchmarks smoke run (no measurement): scripts/bench.sh --quick --no-build"
    scripts/bench.sh --quick --no-build
else
    say "Benchmarks smoke run skipped: its traced benchmarks attach bpftrace, which needs root"
fi

# Surefire's per-module totals ("Tests run: N, Failures: F, Errors: E, Skipped: S" alone on a
# line), added up over both JDKs.
sed 's/\x1b\[[0-9;]*m//g' "$logs"/*.log | awk '
    /^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$/ {
        gsub(/,/, ""); run += $4; failed += $6 + $8; skipped += $10
    }
    END { printf "usdt4j: %d passed, %d failed, %d skipped\n", run - failed - skipped, failed, skipped }'
