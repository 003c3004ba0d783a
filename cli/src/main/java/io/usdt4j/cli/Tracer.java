// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
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
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String token = "usdt4j-" + HexFormat.of().formatHex(random);
        ProcessBuilder builder = new ProcessBuilder(bpftrace.toString(), "-B", "line", "-p", Long.toString(pid),
                "-e", BpftraceProgram.framed(pid, matches, token, duration));
        builder.environment().putAll(Map.of("BPFTRACE_STRLEN", STRLEN));
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            stopping.set(true);
            process.toHandle().destroy(); // SIGTERM, keeping its output open: bpftrace detaches its probes and exits
        };
        ProcessHandle.of(pid).ifPresentOrElse(target -> target.onExit().thenRun(stop), stop);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> stop.run());
        TraceOutput output = new TraceOutput(matches, token, json, Usdt4jCommand.JSON, System.out);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                output.line(line);
            }
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        int status = process.waitFor();
        if (stopping.get() || status == 0) {
            return 0;
        }
        PrintStream err = System.err;
        err.println("usdt4j: bpftrace failed (exit " + status + ")");
        return Usdt4jCommand.ERROR;
    }
}
