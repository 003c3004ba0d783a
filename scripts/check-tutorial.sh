#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Follows the README's tutorial literally: extracts its files into a new Maven project outside
# the repository, builds it with the system Maven (not the wrapper), runs the README's run
# command and attaches the README's bpftrace one-liner, and checks that bpftrace prints the
# README's expected output. It installs this checkout into ~/.m2 first, unless
# USDT4J_TUTORIAL_INSTALLED=1 says that was done (scripts/test.sh's first Maven run installs).
#
# README markers: an HTML comment right before a fenced block,
#   <!-- tutorial-file: PATH -->     the block is file PATH of the project
#   <!-- tutorial-command: NAME -->  the block is command NAME (run, trace)
#   <!-- tutorial-output: NAME -->   the block is what command NAME prints
#
# Env: MVN (default /usr/bin/mvn); USDT4J_REQUIRE_TRACER=1 fails instead of stopping after the
# build when this is not root or bpftrace is missing.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
MVN=${MVN:-/usr/bin/mvn}

SCRIPT_NAME="check-tutorial: FAILED"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

# Prints the fenced block after marker "<!-- tutorial-KIND: NAME -->" in README.md.
block() {
    awk -v marker="<!-- tutorial-$1: $2 -->" '
        $0 == marker { armed = 1; next }
        armed && !inside && /^```/ { inside = 1; next }
        inside && /^```/ { found = 1; exit }
        inside { print }
        END { exit found ? 0 : 1 }
    ' README.md || die "README.md has no fenced block after <!-- tutorial-$1: $2 -->"
}

[ -x "$MVN" ] || die "no system Maven at $MVN (Debian/Ubuntu: apt-get install maven, or set MVN)"

if [ "${USDT4J_TUTORIAL_INSTALLED:-}" = 1 ]; then
    say "usdt4j is in ~/.m2 already (USDT4J_TUTORIAL_INSTALLED=1: scripts/test.sh installed this checkout)"
else
    say "Installing usdt4j into ~/.m2: ./mvnw -B -q install -DskipTests"
    ./mvnw -B -q install -DskipTests
fi

make_work_dir usdt4j-tutorial
project=$work

say "Extracting the tutorial into $project"
files=$(sed -n 's/^<!-- tutorial-file: \(.*\) -->$/\1/p' README.md)
[ -n "$files" ] || die "README.md has no <!-- tutorial-file: ... --> blocks"
for file in $files; do
    mkdir -p "$project/$(dirname "$file")"
    block file "$file" >"$project/$file"
    echo "  $file ($(wc -l <"$project/$file") lines)"
done
for file in pom.xml src/main/java/com/example/shop/ShopProbes.java src/main/java/com/example/shop/Main.java; do
    [ -s "$project/$file" ] || die "the tutorial does not give $file"
done
# The tutorial promises the example's interface, word for word (but for its license header line).
diff -u <(grep -v '^// SPDX-License-Identifier: ' examples/src/main/java/com/example/shop/ShopProbes.java) \
    "$project/src/main/java/com/example/shop/ShopProbes.java" \
    || die "the README's ShopProbes differs from examples/src/main/java/com/example/shop/ShopProbes.java"
run_command=$(block command run)
trace_command=$(block command trace)
expected_output=$(block output trace)

say "Building with $("$MVN" -v 2>/dev/null | sed -n 's/\x1b\[[0-9;]*m//g; 1p'): mvn -B -q package"
# Debian's Maven 3.8.7 writes colour resets even with -B -q; keep the log readable.
(cd "$project" && "$MVN" -B -q package 2>&1) | sed 's/\x1b\[[0-9;]*m//g'
library=$project/target/classes/META-INF/usdt4j/native/linux-$(uname -m)/libusdt4j-shop.so
[ -f "$library" ] || die "the build made no $library"
echo "  built ${library#"$project"/}"

reason=""
if [ "$(id -u)" -ne 0 ]; then
    reason="not root"
elif ! command -v bpftrace >/dev/null; then
    reason="bpftrace is not installed"
fi
if [ -n "$reason" ]; then
    if [ "${USDT4J_REQUIRE_TRACER:-}" = 1 ]; then
        die "cannot trace ($reason) and USDT4J_REQUIRE_TRACER=1"
    fi
    say "Stopping after the build: $reason, so bpftrace cannot run"
    exit 0
fi

say "Running the README's run command"
echo "$run_command"
# exec all the way down: the program runs as the process whose pid start_app took.
start_app "$project/app.out" bash -c "cd '$project' && exec $run_command"
# Main prints its pid, then the library path once the provider is loaded.
await_app "$project/app.out" '^probes in ' || die "the program did not load its probes (output above)"
pid=$(sed -n 's/^pid \([0-9]*\)$/\1/p' "$project/app.out")
[ "$pid" = "$app_pid" ] || die "the program printed pid '$pid', but it runs as $app_pid"

# As root, "sudo" is not needed (and may not be installed); PID is the program's pid.
trace=$(printf '%s\n' "$trace_command" | sed -e 's/^sudo //' -e "s/\bPID\b/$pid/")
say "Running the README's trace command"
echo "$trace"
# bpftrace exits by itself when the program does; the timeout only bounds a failure.
trace_app 90 "$project/trace.out" "$project/trace.err" bash -c "$trace"

app_status=0
wait "$app_pid" || app_status=$?
app_pid=""

missing=""
while IFS= read -r line; do
    [ -z "$line" ] || grep -qxF -- "$line" "$project/trace.out" || missing+="  $line"$'\n'
done <<<"$expected_output"
if [ -n "$missing" ] || [ "$trace_status" -ne 0 ] || [ "$app_status" -ne 0 ]; then
    echo "bpftrace's messages:" >&2
    cat "$project/trace.err" >&2
    [ -z "$missing" ] || die "bpftrace did not print the README's expected lines:"$'\n'"$missing"
    [ "$trace_status" -eq 0 ] || die "the trace command exited with $trace_status"
    die "the program exited with $app_status"
fi
say "OK: the tutorial works as written; bpftrace printed: $(grep -v '^Attaching' "$project/trace.out" | grep -v '^$')"
