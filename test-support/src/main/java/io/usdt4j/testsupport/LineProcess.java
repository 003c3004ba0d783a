// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A child process whose output the test reads line by line: a JVM running a {@link Driver}, or a
 * tracer. Waits are bounded ({@link Processes#PATIENCE}) so that a broken tracer fails the test
 * with everything the child printed instead of hanging the build.
 */
public final class LineProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = Collections.synchronizedList(new ArrayList<>());
    private final Writer stdin;
    /** The threads that read the child's output: each ends when the pipe it reads ends. */
    private final List<Thread> readers = new ArrayList<>();

    /** {@code command}, its standard error merged into the lines the test reads. */
    public LineProcess(String name, List<String> command) throws IOException {
        this(name, command, true);
    }

    /**
     * {@code command}; with {@code errorsAsLines} false, its standard error is kept apart: in the
     * transcript (each line after {@code stderr: }), never a line that {@link #await} reads. For a
     * JVM whose standard output alone is compared, while the JVM may warn on its standard error.
     */
    public LineProcess(String name, List<String> command, boolean errorsAsLines) throws IOException {
        this.name = name;
        this.process = new ProcessBuilder(command).redirectErrorStream(errorsAsLines).start();
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        read(process.getInputStream(), "stdout", line -> {
            transcript.add(line);
            lines.add(line);
        }, "<read failed: ");
        if (!errorsAsLines) {
            read(process.getErrorStream(), "stderr", line -> transcript.add("stderr: " + line),
                    "<read of stderr failed: ");
        }
    }

    /**
     * Starts a daemon thread, one of {@link #readers}, that hands each line of {@code stream} (the
     * child's {@code pipe}) to {@code onLine} until the pipe ends; a failed read is noted in the
     * transcript after {@code failure}.
     */
    private void read(InputStream stream, String pipe, Consumer<String> onLine, String failure) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    onLine.accept(line);
                }
            } catch (IOException e) {
                transcript.add(failure + e + ">");
            }
        }, name + "-" + pipe);
        reader.setDaemon(true);
        reader.start();
        readers.add(reader);
    }

    public long pid() {
        return process.pid();
    }

    public void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Sends {@code command} and returns the next line that starts with {@code replyPrefix}. */
    public String ask(String command, String replyPrefix) throws IOException, InterruptedException {
        send(command);
        return awaitPrefix(replyPrefix);
    }

    /** The next line that matches, skipping others; fails with the transcript when none comes. */
    public String await(Predicate<String> wanted, String description) throws InterruptedException {
        long deadline = System.nanoTime() + Processes.PATIENCE.toNanos();
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

    public String awaitPrefix(String prefix) throws InterruptedException {
        return await(line -> line.startsWith(prefix), "a line starting with '" + prefix + "'");
    }

    /**
     * What a {@link Driver} announced with {@link Driver#ready}: {@code line} is its ready line,
     * {@code library} the provider's library when it was loaded, {@code reason} why not (empty when it was).
     */
    public record Ready(String line, Optional<Path> library, String reason) {
        /** The loaded library; fails with the reason when there is none. */
        public Path loaded() {
            if (!reason.isEmpty() || library.isEmpty()) {
                throw new AssertionError("expected a loaded library: " + line + ", reason=" + reason);
            }
            return library.get();
        }
    }

    /** Awaits the two lines of {@link Driver#ready}. */
    public Ready awaitReady() throws InterruptedException {
        String ready = awaitPrefix(Driver.READY);
        String reason = awaitPrefix(Driver.REASON).substring(Driver.REASON.length());
        String library = ready.split(" ", 3)[2];
        return new Ready(ready, library.equals(Driver.UNAVAILABLE) ? Optional.empty() : Optional.of(Path.of(library)), reason);
    }

    /** Sends SIGINT, as Ctrl-C would: bpftrace detaches its probes and exits. */
    public void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    }

    /**
     * Waits until the child has exited and everything it printed is in the {@link #transcript}: a
     * child's exit does not wait for its last lines to be read from the pipe, and bpftrace prints
     * its maps just before it exits.
     */
    public int awaitExit() throws InterruptedException {
        return awaitExit(Processes.PATIENCE);
    }

    /** {@link #awaitExit()}, for a child that may take up to {@code patience} to exit. */
    public int awaitExit(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit; it printed:\n" + transcript());
        }
        for (Thread reader : readers) {
            reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (reader.isAlive()) {
                throw new AssertionError(name + " exited but its output (" + reader.getName()
                        + ") stayed open: a process it started still holds it; it printed:\n" + transcript());
            }
        }
        return process.exitValue();
    }

    /** Sends a {@link Driver} {@code exit} and returns its exit code. */
    public int exit() throws IOException, InterruptedException {
        send(Driver.EXIT);
        return awaitExit();
    }

    public String transcript() {
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
