// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tool or a JVM to completion and returns what it printed. Every wait is bounded, so that
 * a hung child fails the test with its output instead of hanging the build: a bound, not a
 * measurement.
 */
public final class Processes {
    /** How long a test waits for a child to print a line or to exit. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private Processes() {}

    /**
     * A finished process: its exit code, its standard output (with its standard error interleaved,
     * when the process was started so) and its standard error (empty then).
     */
    public record Result(List<String> command, int exitCode, String output, String errors) {}

    /** Runs {@code command}, standard input closed, its standard error merged into its output, for at most {@code patience}. */
    public static Result execute(Duration patience, List<String> command) throws IOException, InterruptedException {
        return execute(patience, new ProcessBuilder(command).redirectErrorStream(true));
    }

    /**
     * Runs what {@code builder} describes (its environment, directory, and whether standard error
     * is merged into the output), standard input closed, for at most {@code patience}.
     */
    public static Result execute(Duration patience, ProcessBuilder builder) throws IOException, InterruptedException {
        List<String> command = List.copyOf(builder.command());
        Process process = builder.start();
        process.getOutputStream().close();
        // Read both while it runs, each on a thread of its own: a child that fills a pipe would
        // otherwise never exit.
        CompletableFuture<String> errors = read(process.getErrorStream(), command);
        CompletableFuture<String> output = read(process.getInputStream(), command);
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not exit within " + patience
                    + "; it printed:\n" + output.join() + errors.join());
        }
        return new Result(command, process.exitValue(), output.join(), errors.join());
    }

    /** All of {@code stream}, read by a daemon thread of its own. */
    private static CompletableFuture<String> read(InputStream stream, List<String> command) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("<read failed: " + e + ">");
            }
        }, "read " + command.get(0));
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    /** Runs {@code command} for at most {@code patience}; fails with its output unless it exits 0. */
    public static String run(Duration patience, List<String> command) throws IOException, InterruptedException {
        Result result = execute(patience, command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    /** {@link #run(Duration, List)} within {@link #PATIENCE}. */
    public static String run(String... command) throws IOException, InterruptedException {
        return run(PATIENCE, List.of(command));
    }

    /** This JVM's launcher, for a child JVM like this one. */
    public static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** {@code java <options> -cp <classPath> <mainClass> <arguments>}, run by this JVM's launcher. */
    public static List<String> javaCommand(List<String> options, List<Path> classPath, String mainClass,
            List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(options);
        command.addAll(List.of("-cp", classPath(classPath), mainClass));
        command.addAll(arguments);
        return command;
    }

    /** The entries, joined as {@code -cp} wants them. */
    public static String classPath(List<Path> entries) {
        return String.join(java.io.File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    /** The directory or jar that {@code type} was loaded from: a class path entry for a child JVM. */
    public static Path classPathEntry(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new UncheckedIOException(new IOException(type + " has no class path entry", e));
        }
    }
}
