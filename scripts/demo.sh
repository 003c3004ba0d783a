#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Shows usdt4j end to end: installs what is missing (Debian/Ubuntu), builds this repository,
# starts the shop example and traces its probes with bpftrace for a few seconds.
#
# Usage: scripts/demo.sh            (as root, or as a user who may use sudo)
# Env:   DEMO_TRACE_SECONDS=5       how long bpftrace stays attached
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
TRACE_SECONDS=${DEMO_TRACE_SECONDS:-5}

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
need_root "installing packages and running bpftrace need root"

# ---- prerequisites --------------------------------------------------------------------------

install_prerequisites
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

# ---- build ----------------------------------------------------------------------------------

say "Building usdt4j and the shop example: ./mvnw -B -q install -DskipTests"
./mvnw -B -q install -DskipTests

# ---- run and trace --------------------------------------------------------------------------

# The app runs longer than the trace on purpose; on exit, whatever still runs is stopped.
make_work_dir usdt4j-demo

# bpftrace runs in the background, where sudo could not ask for a password: ask now.
[ ${#SUDO[@]} -eq 0 ] || sudo -v || die "bpftrace needs root, and sudo refused"

say "Starting the shop example (examples/src/main/java/com/example/shop/ShopApp.java)"
# --enable-native-access: JDK 24+ warns when a library is loaded without it; JDK 17 accepts it too.
start_app "$work/app.out" "$JAVA" --enable-native-access=ALL-UNNAMED \
    -cp examples/target/classes:runtime/target/classes com.example.shop.ShopApp $((TRACE_SECONDS + 60))
# ShopApp prints its pid, then "probes in <library>" (or why tracing is unavailable).
await_app "$work/app.out" '^shop: probes in ' '^shop: tracing unavailable' \
    || die "the shop example did not load its probes (see its output above)"

usdt4j=("$JAVA" -jar cli/target/usdt4j-cli.jar)
say "The probes of pid $app_pid: usdt4j list -p $app_pid"
"${SUDO[@]}" "${usdt4j[@]}" list -p "$app_pid"
say "Tracing for ${TRACE_SECONDS}s: usdt4j trace -p $app_pid shop --duration $TRACE_SECONDS"
# usdt4j's stdout is the events; bpftrace's stderr is filtered below. It stops by itself after
# --duration; the timeout only bounds a hang.
trace_app $((TRACE_SECONDS + 30)) "$work/trace.out" "$work/trace.err" \
    "${usdt4j[@]}" trace -p "$app_pid" shop --duration "$TRACE_SECONDS"

# bpftrace 0.17 always tries to lift RLIMIT_MEMLOCK and complains when it may not; since
# Linux 5.11 BPF memory is not charged to that limit, so the message means nothing. Without
# tracefs mounted it also cannot list uprobe events when detaching and says so; the probes are
# detached all the same when it exits.
noise='couldn.t set RLIMIT_MEMLOCK'
if [ ! -e /sys/kernel/tracing/uprobe_events ] && [ ! -e /sys/kernel/debug/tracing/uprobe_events ]; then
    noise+='|tracing/uprobe_events\): No such file|failed to detach probe'
fi
grep -Ev "$noise" "$work/trace.err" >&2 || true

if [ "$trace_status" -ne 0 ]; then
    die "usdt4j trace failed (exit $trace_status); see its messages above"
fi
events=$(grep -cE '^shop:(order_placed|refund) ' "$work/trace.out" || true)
if [ "$events" -eq 0 ]; then
    die "no event was traced: usdt4j trace attached to pid $app_pid but printed nothing (see its messages above)"
fi
say "Traced $events events; with bpftrace gone, each probe is back to a memory read and a branch."
