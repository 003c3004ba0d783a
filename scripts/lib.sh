# SPDX-License-Identifier: Apache-2.0
# Sourced by the scripts in this directory (demo.sh, test.sh, check-tutorial.sh, bench.sh), from
# the repository's root: what they share.
#
#   say TEXT...            prints a step's heading
#   die TEXT...            prints "<script>: TEXT" on stderr and exits 1; a script may set
#                          SCRIPT_NAME before sourcing this file to name itself otherwise
#   SUDO                   an array to run a command as root: empty as root, (sudo) for a user
#                          who has sudo, empty otherwise
#   need_root WHY          dies unless this runs as root or sudo is installed
#   make_work_dir PREFIX   makes a temporary directory, $work, removed on exit after
#                          stop_app_and_tracer
#   install_prerequisites  from prerequisites.sh, sourced here
#   USDT4J_JDK25           the JDK 25 that test.sh tests on beside the default JDK and the
#                          benchmarks measure: the environment's, else the parent pom's default
#                          (property usdt4j.jdk25, which the Maven build reads too); exported
#
# Start an app, wait until it is ready, attach a tracer, stop both:
#   start_app OUT COMMAND...             runs COMMAND in the background, its output in OUT; sets app_pid
#   await_app OUT READY [GIVE_UP]        waits (30 s at most) until OUT has a line matching the
#                                        extended regex READY, or GIVE_UP, or the app exited; prints
#                                        OUT; succeeds when READY matched
#   trace_app SECONDS OUT ERR COMMAND... runs the tracer COMMAND as root (SUDO) for SECONDS at most
#                                        (then SIGINT, as Ctrl-C), stdout in OUT and stderr in ERR;
#                                        sets trace_status (124 when it was interrupted); prints OUT
#                                        without blank lines
#   stop_app_and_tracer                  stops whatever of both still runs

SCRIPT_NAME=${SCRIPT_NAME:-$(basename "$0" .sh)}

say() { printf '\n==> %s\n' "$*"; }
die() { printf '%s: %s\n' "$SCRIPT_NAME" "$*" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null; then
    SUDO=(sudo)
else
    SUDO=()
fi

need_root() {
    [ "$(id -u)" -eq 0 ] || [ ${#SUDO[@]} -gt 0 ] || die "run as root, or install sudo: $1"
}

# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh

# The pom holds the one default, on a line of its own: <usdt4j.jdk25>/path</usdt4j.jdk25>.
if [ -z "${USDT4J_JDK25:-}" ]; then
    USDT4J_JDK25=$(sed -n 's:^ *<usdt4j.jdk25>\(/[^<]*\)</usdt4j.jdk25>$:\1:p' pom.xml | head -1)
    [ -n "$USDT4J_JDK25" ] || die "pom.xml has no default <usdt4j.jdk25>/path</usdt4j.jdk25>"
fi
export USDT4J_JDK25

app_pid=""
tracer_pid=""
trace_status=0

make_work_dir() {
    work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
    trap 'stop_app_and_tracer; rm -rf "$work"' EXIT
}

start_app() {
    local out=$1
    shift
    "$@" >"$out" 2>&1 &
    app_pid=$!
}

await_app() {
    local out=$1 ready=$2 give_up=${3:-}
    for _ in $(seq 300); do
        grep -qE "$ready" "$out" && break
        [ -z "$give_up" ] || ! grep -qE "$give_up" "$out" || break
        kill -0 "$app_pid" 2>/dev/null || break
        sleep 0.1
    done
    cat "$out"
    grep -qE "$ready" "$out"
}

trace_app() {
    local seconds=$1 out=$2 err=$3
    shift 3
    "${SUDO[@]}" timeout -s INT "$seconds" "$@" >"$out" 2>"$err" &
    tracer_pid=$!
    trace_status=0
    wait "$tracer_pid" || trace_status=$?
    tracer_pid=""
    grep -v '^$' "$out" || true   # bpftrace ends with blank lines
}

stop_app_and_tracer() {
    [ -z "$tracer_pid" ] || "${SUDO[@]}" kill -INT "$tracer_pid" 2>/dev/null || true
    [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true
    wait 2>/dev/null || true
}
