// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * bpftrace attached to this JVM with one of this package's scripts, as cfire.c attaches it to
 * itself: {@code bpftrace -p <pid> script.bt}. A script prints "attached" from BEGIN, which comes
 * once every probe is attached.
 */
final class Tracer implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Path stderr;

    private Tracer(Process process, Path stderr) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stderr = stderr;
    }

    /** Starts bpftrace with {@code script} (a resource next to this class) and waits until it has attached. */
    static Tracer attach(String script) throws IOException {
        Path file = Files.createTempFile("usdt4j-bench-", ".bt");
        try (InputStream in = Tracer.class.getResourceAsStream(script)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        Path stderr = Files.createTempFile("usdt4j-bench-bpftrace-", ".err");
        Process process = new ProcessBuilder("bpftrace", "-p", Long.toString(ProcessHandle.current().pid()), file.toString())
                .redirectError(stderr.toFile())
                .start();
        Tracer tracer = new Tracer(process, stderr);
        for (String line; (line = tracer.out.readLine()) != null; ) {
            if (line.equals("attached")) {
                return tracer;
            }
        }
        throw new IOException("bpftrace exited before attaching: " + Files.readString(stderr).strip());
    }

    /** Stops bpftrace as Ctrl-C does, and returns the maps it printed on exit. */
    List<String> detach() throws IOException, InterruptedException {
        // SIGINT makes bpftrace print its maps (ProcessHandle.destroy() would send SIGTERM). A
        // SIGINT sent right after BEGIN's line is sometimes lost, so it is repeated.
        for (int attempt = 0; attempt < 30 && process.isAlive(); attempt++) {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            process.waitFor(1, TimeUnit.SECONDS);
        }
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
            throw new IOException("bpftrace did not exit on SIGINT within 30 s");
        }
        // bpftrace has exited: its output is in the pipe, and the pipe ends.
        List<String> maps = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("@")) {
                maps.add(line);
            }
        }
        Files.deleteIfExists(stderr);
        return maps;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
