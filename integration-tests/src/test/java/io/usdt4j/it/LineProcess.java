package io.usdt4j.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process whose output the test reads line by line. Waits are bounded so that a broken
 * tracer fails the test with everything the child printed instead of hanging the build.
 */
final class LineProcess implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Writer stdin;

    LineProcess(String name, List<String> command) throws IOException {
        this.name = name;
        this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    transcript.add(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                transcript.add("<read failed: " + e + ">");
            }
        }, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    long pid() {
        return process.pid();
    }

    void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** The next line that matches, skipping others; fails with the transcript when none comes. */
    String await(Predicate<String> wanted, String description) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        throw new AssertionError(name + " never printed " + description + "; it printed:\n" + transcript());
    }

    String awaitPrefix(String prefix) throws InterruptedException {
        return await(line -> line.startsWith(prefix), "a line starting with '" + prefix + "'");
    }

    /** Sends SIGINT, as Ctrl-C would: bpftrace detaches its probes and exits. */
    void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not exit; it printed:\n" + transcript());
        }
        return process.exitValue();
    }

    String transcript() {
        synchronized (transcript) {
            return String.join("\n", transcript);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
