// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import io.usdt4j.description.BpftraceRenderer;
import io.usdt4j.description.TracedProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The bpftrace programs of {@code script} and {@code trace} for selected probes of a process:
 * {@link BpftraceRenderer}'s, attached in each library through {@code /proc/PID/root}, so that a
 * process in another mount namespace is traced too. What may reach a program is the renderer's
 * rule ({@link BpftraceRenderer#requireRenderable}); a library it refuses is left out with a
 * notice ({@link #attachable}).
 *
 * <p>{@link #readable} is for people, the body the processor's {@code <provider>.bt} has too.
 * {@link #framed} is what {@code trace} runs, which {@link TraceOutput} formats.
 */
final class BpftraceProgram {
    private BpftraceProgram() {}

    /**
     * The matches in libraries bpftrace can attach to, in order; for each other library, a notice
     * in {@code notices} says why it is left out: a path the renderer refuses, a library deleted
     * since it was mapped (its path names another file, or none), or a path that names no regular
     * file now ({@link LibraryFile#unsafeToOpen}: bpftrace opens it, and would block on a FIFO).
     *
     * @throws CliException if no match is left
     */
    static List<Selection.Match> attachable(Path proc, long pid, List<Selection.Match> matches, List<String> notices)
            throws CliException {
        List<Selection.Match> kept = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        Map<String, Boolean> checked = new HashMap<>();
        for (Selection.Match match : matches) {
            String path = match.library().path();
            String reason = refused.get(path);
            if (reason == null && match.library().deleted()) {
                reason = "it was deleted after it was mapped, so its path names another file or none: bpftrace cannot attach to it";
            }
            if (reason == null) {
                try {
                    BpftraceRenderer.requireRenderable(traced(pid, match));
                } catch (IllegalArgumentException e) {
                    reason = e.getMessage();
                }
            }
            if (reason == null && checked.putIfAbsent(path, true) == null) {
                reason = LibraryFile.unsafeToOpen(proc, pid, path).orElse(null);
            }
            if (reason == null) {
                kept.add(match);
            } else {
                refused.putIfAbsent(match.library().path(), reason);
            }
        }
        refused.forEach((path, reason) -> notices.add(pid + " " + path + ": not traced: " + reason));
        if (kept.isEmpty()) {
            Map.Entry<String, String> first = refused.entrySet().iterator().next();
            throw new CliException("cannot trace process " + pid + ": library " + first.getKey() + ": " + first.getValue());
        }
        return kept;
    }

    /** The selected probes as the renderer takes them. */
    static List<TracedProbe> probes(long pid, List<Selection.Match> matches) {
        return matches.stream().map(match -> traced(pid, match)).toList();
    }

    private static TracedProbe traced(long pid, Selection.Match match) {
        return new TracedProbe(match.provider(), match.probe(), "/proc/" + pid + "/root" + match.library().path());
    }

    static String readable(long pid, List<Selection.Match> matches) {
        return BpftraceRenderer.script(List.of("usdt4j: probes of process " + pid + ", run with: bpftrace -p " + pid + " FILE"),
                probes(pid, matches), OptionalInt.empty());
    }

    static String framed(long pid, List<Selection.Match> matches, String token, Integer durationSeconds) {
        return BpftraceRenderer.framed(probes(pid, matches), token,
                durationSeconds == null ? OptionalInt.empty() : OptionalInt.of(durationSeconds));
    }
}
