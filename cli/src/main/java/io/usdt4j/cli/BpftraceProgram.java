// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import io.usdt4j.description.BpftraceRenderer;
import io.usdt4j.description.TracedProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The bpftrace programs of {@code script} and {@code trace} for selected probes of a process:
 * {@link BpftraceRenderer}'s, attached in each library through {@code /proc/PID/root}, so that a
 * process in another mount namespace is traced too.
 *
 * <p>{@link #readable} is for people, the body the processor's {@code <provider>.bt} has too.
 * {@link #framed} is what {@code trace} runs, which {@link TraceOutput} formats.
 */
final class BpftraceProgram {
    private BpftraceProgram() {}

    /** The selected probes as the renderer takes them; a name or path it cannot take fails the command. */
    static List<TracedProbe> probes(long pid, List<Selection.Match> matches) throws CliException {
        List<TracedProbe> probes = new ArrayList<>();
        for (Selection.Match match : matches) {
            TracedProbe probe = new TracedProbe(match.provider(), match.probe(), "/proc/" + pid + "/root" + match.library().path());
            try {
                probes.add(BpftraceRenderer.requireRenderable(probe));
            } catch (IllegalArgumentException e) {
                throw new CliException("cannot trace process " + pid + ": " + e.getMessage());
            }
        }
        return probes;
    }

    static String readable(long pid, List<Selection.Match> matches) throws CliException {
        return BpftraceRenderer.script(List.of("usdt4j: probes of process " + pid + ", run with: bpftrace -p " + pid + " FILE"),
                probes(pid, matches), OptionalInt.empty());
    }

    static String framed(long pid, List<Selection.Match> matches, String token, Integer durationSeconds) throws CliException {
        return BpftraceRenderer.framed(probes(pid, matches), token,
                durationSeconds == null ? OptionalInt.empty() : OptionalInt.of(durationSeconds));
    }
}
