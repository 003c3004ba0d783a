// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.Processes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The {@code usdt4j} command, {@code cli/target/usdt4j-cli.jar}, run for real, and the JVMs it
 * lists: {@link ProbeFiringApp}s firing {@link EveryTypeProbes}, with what {@code list} and
 * {@code trace} print of them.
 */
final class CliRun {
    static final Path JAR = Path.of("..", "cli", "target", "usdt4j-cli.jar").toAbsolutePath().normalize();
    static final String JAVA = Processes.java();
    static final String P = ProviderBuild.PROVIDER;

    /** What {@code list} prints for each probe of EveryTypeProbes. */
    static final List<String> PROBE_LINES = List.of(
            "    " + P + ":signed_integers(byte b, short s, int i, long l)",
            "    " + P + ":unsigned_integers(boolean yes, boolean no, char c)",
            "    " + P + ":strings(String text, String empty, String absent)",
            "    " + P + ":no_arguments()",
            "    " + P + ":twelve(long a1, int a2, short a3, byte a4, char a5, boolean a6, long a7, int a8, short a9,"
                    + " byte a10, char a11, String a12)");

    /** What {@code trace} prints for ProbeFiringApp.fire(), exactly. */
    static final List<String> FIRED = List.of(
            P + ":signed_integers b=-128 s=-32768 i=-2147483648 l=-9223372036854775808",
            P + ":signed_integers b=127 s=32767 i=2147483647 l=9223372036854775807",
            P + ":signed_integers b=-1 s=-1 i=-1 l=-1",
            P + ":unsigned_integers yes=true no=false c=65535",
            P + ":unsigned_integers yes=false no=true c=0",
            P + ":strings text=\"" + ProbeFiringApp.TEXT + "\" empty=\"\" absent=null",
            P + ":no_arguments",
            P + ":twelve a1=-1 a2=2 a3=-3 a4=4 a5=65 a6=true a7=? a8=? a9=? a10=? a11=? a12=?");

    private CliRun() {}

    record Result(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Result cli(String... args) throws IOException, InterruptedException {
        return run(Map.of(), List.of(), args);
    }

    /** The command with {@code environment} added, after {@code prefix} ({@code setpriv ...}). */
    static Result run(Map<String, String> environment, List<String> prefix, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Processes.Result result = Processes.execute(Processes.PATIENCE, builder);
        return new Result(result.exitCode(), result.output(), result.errors());
    }

    /** {@code trace -p PID SELECTOR...}, its standard error merged into its output. */
    static LineProcess trace(long pid, String... selectors) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString(), "trace", "-p", Long.toString(pid)));
        command.addAll(List.of(selectors));
        return new LineProcess("trace", command);
    }

    /** A {@link ProbeFiringApp} of {@code backend}'s build, once it is ready. */
    static LineProcess app(Backend backend, Path usdt4jDir) throws Exception {
        return app(List.of(), usdt4jDir, backend.build());
    }

    /** A {@link ProbeFiringApp} of {@code build}, run after {@code prefix}, once it is ready. */
    static LineProcess app(List<String> prefix, Path usdt4jDir, ProviderBuild build) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(build.javaCommand(usdt4jDir, ProbeFiringApp.class.getName()));
        LineProcess app = new LineProcess("app", command);
        String ready = app.awaitPrefix("ready ");
        assertTrue(ready.contains("/libusdt4j-" + P + "-"), ready);
        return app;
    }

    /** Asserts {@code list -p PID} of a ProbeFiringApp, its library in {@code directory}. */
    static void assertListed(long pid, String directory, Result list) {
        assertEquals(0, list.status(), list.toString());
        List<String> lines = list.lines();
        assertTrue(lines.get(0).startsWith(pid + " ") && lines.get(0).contains(ProbeFiringApp.class.getName()), list.out());
        assertTrue(lines.get(1).matches("  provider " + P + "  " + Pattern.quote(directory) + "/libusdt4j-" + P
                + "-[0-9a-f]{16}\\.so"), list.out());
        assertEquals(PROBE_LINES, lines.subList(2, lines.size()), list.out());
    }

    /** The lines of {@code list}'s output about process {@code pid}: its line and those indented below it. */
    static List<String> linesOf(long pid, Result list) {
        List<String> lines = list.lines();
        int at = lines.indexOf(lines.stream().filter(l -> l.startsWith(pid + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + pid + " in\n" + list.out())));
        int end = at + 1;
        while (end < lines.size() && lines.get(end).startsWith(" ")) {
            end++;
        }
        return lines.subList(at, end);
    }

    /**
     * Fires until the tracer prints {@code line}: the semaphore counts from the first attached
     * site of a probe, which need not be the one the JVM fires, so one fire after it may be missed.
     */
    static void fireUntilSeen(LineProcess app, LineProcess tracer, String line) throws Exception {
        AtomicBoolean seen = new AtomicBoolean();
        Thread firing = new Thread(() -> {
            try {
                while (!seen.get()) {
                    app.send("fire");
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // the test ends
            }
        });
        firing.setDaemon(true);
        firing.start();
        try {
            tracer.await(line::equals, line);
        } finally {
            seen.set(true);
            firing.join();
        }
    }
}
