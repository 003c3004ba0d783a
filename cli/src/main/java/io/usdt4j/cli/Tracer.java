// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs bpftrace on a {@link BpftraceProgram#framed} program and prints what it sees. */
final class Tracer {
    private static final int CAP_SYS_ADMIN = 21;
    private static final int CAP_BPF = 39;
    /** {@code BPFTRACE_STRLEN}: strings as long as bpftrace 0.17 can print them. */
    private static final String STRLEN = Integer.toString(io.usdt4j.description.BpftraceRenderer.LONGEST_STRING);
    /** The longest line of bpftrace's kept: its longest output line is a frame or a 200-byte string. */
    private static final int MAX_LINE = 64 * 1024;
    /** The most lines of bpftrace's errors relayed, and the most characters of each. */
    private static final int MAX_ERROR_LINES = 200;
    private static final int MAX_ERROR_LINE = 1000;

    private final Path bpftrace;

    private Tracer(Path bpftrace) {
        this.bpftrace = bpftrace;
    }

    /** bpftrace on the PATH, when this process may attach it. */
    static Tracer find() throws CliException {
        Optional<Path> found = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "bpftrace")).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            throw new CliException("bpftrace is not on the PATH: install it (Debian/Ubuntu: apt-get install bpftrace;"
                    + " Fedora: dnf install bpftrace)");
        }
        if (!mayTrace()) {
            throw new CliException("trace needs root or CAP_BPF to attach probes: run it with sudo");
        }
        return new Tracer(found.get());
    }

    /**
     * Relays bpftrace's standard error to this one, each line escaped and bounded ({@link Terminal})
     * after {@code bpftrace: }, at most {@link #MAX_ERROR_LINES} of them: its errors quote the
     * program, and a program names what other processes' libraries say (checked, but the terminal
     * is not the place to trust that).
     */
    private static Thread relayErrors(InputStream stream) {
        Thread relay = new Thread(() -> {
            int[] count = new int[1];
            try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                lines(reader, MAX_LINE, line -> {
                    if (count[0]++ < MAX_ERROR_LINES) {
                        System.err.println("bpftrace: " + Terminal.text(line, MAX_ERROR_LINE));
                    }
                });
            } catch (IOException e) {
                // bpftrace is gone
            }
            if (count[0] > MAX_ERROR_LINES) {
                System.err.println("bpftrace: ... (" + (count[0] - MAX_ERROR_LINES) + " more lines)");
            }
        }, "bpftrace-stderr");
        relay.setDaemon(true);
        relay.start();
        return relay;
    }

    /**
     * Each line of {@code reader} (ended by a newline or the end), at most {@code max} characters
     * of it: the rest of a longer line is read and dropped, so that no line takes more memory.
     */
    static void lines(Reader reader, int max, java.util.function.Consumer<String> each) throws IOException {
        char[] buffer = new char[8192];
        StringBuilder line = new StringBuilder();
        boolean open = false;
        for (int n; (n = reader.read(buffer)) >= 0; ) {
            for (int i = 0; i < n; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    each.accept(line.toString());
                    line.setLength(0);
                    open = false;
                } else {
                    open = true;
                    if (line.length() < max) {
                        line.append(c);
                    }
                }
            }
        }
        if (open) {
            each.accept(line.toString());
        }
    }

    private static boolean mayTrace() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    BigInteger capabilities = new BigInteger(line.substring("CapEff:".length()).strip(), 16);
                    return capabilities.testBit(CAP_SYS_ADMIN) || capabilities.testBit(CAP_BPF);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    int trace(long pid, List<Selection.Match> matches, boolean json, Integer duration)
            throws IOException, InterruptedException, CliException {
        Run run = start(pid, matches, json, duration);
        ProcessHandle.of(pid).ifPresentOrElse(target -> target.onExit().thenRun(run::stop), run::stop);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> run.stop());
        Thread detach = new Thread(run::stop, "bpftrace-stop"); // SIGTERM or SIGHUP of this command: bpftrace must not stay attached
        Runtime.getRuntime().addShutdownHook(detach);
        return run.await();
    }

    /**
     * Starts bpftrace on {@code matches}, its fires printed by a {@link TraceOutput} on a thread of
     * its own: a run to {@link Run#stop} and {@link Run#await}.
     */
    Run start(long pid, List<Selection.Match> matches, boolean json, Integer duration) throws IOException {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String token = "usdt4j-" + HexFormat.of().formatHex(random);
        ProcessBuilder builder = new ProcessBuilder(bpftrace.toString(), "-B", "line", "-p", Long.toString(pid),
                "-e", BpftraceProgram.framed(pid, matches, token, duration));
        builder.environment().putAll(Map.of("BPFTRACE_STRLEN", STRLEN));
        Process process = builder.start();
        Thread errors = relayErrors(process.getErrorStream());
        TraceOutput output = new TraceOutput(matches, token, json, Usdt4jCommand.JSON, System.out);
        Thread reader = new Thread(() -> {
            try (Reader lines = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
                lines(lines, MAX_LINE, output::line);
            } catch (IOException e) {
                // bpftrace is gone
            }
        }, "bpftrace-stdout");
        reader.start();
        return new Run(process, errors, reader);
    }

    /** One bpftrace process, printing as it runs. */
    static final class Run {
        /** How long bpftrace may take to detach and exit once asked to stop, before it is killed. */
        static final long STOP_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(10);

        private final Process process;
        private final Thread errors;
        private final Thread reader;
        private final AtomicBoolean stopping = new AtomicBoolean();
        /** When {@link #stop} was first called ({@link System#nanoTime}). */
        private volatile long stoppedAt;

        private Run(Process process, Thread errors, Thread reader) {
            this.process = process;
            this.errors = errors;
            this.reader = reader;
        }

        /** SIGTERM, keeping its output open: bpftrace detaches its probes and exits. */
        void stop() {
            if (stopping.compareAndSet(false, true)) {
                stoppedAt = System.nanoTime();
            }
            process.toHandle().destroy();
        }

        /**
         * Waits until bpftrace has exited and all it printed is printed: 0, or {@link Usdt4jCommand#ERROR} if it failed unasked.
         * A bpftrace that has not exited {@link #STOP_PATIENCE_NANOS} after {@link #stop} is killed, with a notice: its
         * probes are detached when it dies.
         */
        int await() throws InterruptedException {
            boolean killed = false;
            while (reader.isAlive()) {
                reader.join(TimeUnit.SECONDS.toMillis(1));
                if (!killed && stopping.get() && reader.isAlive() && System.nanoTime() - stoppedAt > STOP_PATIENCE_NANOS) {
                    Usdt4jCommand.notices(List.of("bpftrace did not exit " + TimeUnit.NANOSECONDS.toSeconds(STOP_PATIENCE_NANOS)
                            + " s after it was asked to: killed"));
                    process.destroyForcibly();
                    killed = true;
                }
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            int status = process.waitFor();
            errors.join(TimeUnit.SECONDS.toMillis(5));
            if (stopping.get() || status == 0) {
                return 0;
            }
            Usdt4jCommand.error("bpftrace failed (exit " + status + ")");
            return Usdt4jCommand.ERROR;
        }
    }
}
