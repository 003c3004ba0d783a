// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usdt4j.it.agent.Cases;
import io.usdt4j.it.agent.SuiteApp;
import io.usdt4j.testsupport.Directories;
import io.usdt4j.testsupport.Host;
import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent, {@code agent/target/usdt4j-agent.jar}, in real JVMs: {@link SuiteApp} runs every
 * method of {@link Cases} with and without it (at start, traced by bpftrace, attached by
 * {@code usdt4j trace --method} and restored) and the transcripts must be equal; the command
 * traces, restores and refuses as it says, for a JVM of another user and one in a container too.
 */
class AgentTest {
    static final Path AGENT = Path.of("..", "agent", "target", "usdt4j-agent.jar").toAbsolutePath().normalize();
    private static final String CASES = Cases.class.getName();
    private static final String ALL = "io.usdt4j.it.agent.*#*";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTRY = CASES + "#placeOrder(orderId=42, sku=\"BOOK-1\", quantity=3)";
    private static final Pattern RETURN = Pattern.compile(Pattern.quote(CASES + "#placeOrder -> 132 (") + "\\d+ ns\\)");
    private static final Pattern THREW = Pattern.compile(Pattern.quote(CASES
            + "#placeOrder -> threw java.lang.IllegalStateException (") + "\\d+ ns\\)");

    /** What SuiteApp prints without the agent. */
    private static List<String> original;

    @BeforeAll
    static void withoutTheAgent() throws Exception {
        original = once(List.of()).output().lines().toList();
        assertTrue(original.size() > 20 && original.get(0).startsWith("constructors "), original.toString());
    }

    /** SuiteApp's transcript on its standard output; the agent's notices and the JVM's warnings on its standard error. */
    private static Processes.Result once(List<String> options) throws Exception {
        Processes.Result result = Processes.execute(Processes.PATIENCE, new ProcessBuilder(
                Processes.javaCommand(options, classPath(), SuiteApp.class.getName(), List.of("once"))));
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    private static List<Path> classPath() {
        return List.of(Processes.classPathEntry(SuiteApp.class));
    }

    private static List<String> javaagent(Path directory, String selector) {
        return List.of("-javaagent:" + AGENT + "=" + selector, "-Dusdt4j.dir=" + directory);
    }

    /** Every method instrumented at start: the same transcript, and one notice per method or class passed over. */
    @Test
    void everyMethodBehavesAsItDidInstrumentedAtStart(@TempDir Path temp) throws Exception {
        Processes.Result instrumented = once(javaagent(temp, ALL + ",java.lang.StringBuilder#append"));
        assertEquals(original, instrumented.output().lines().toList());
        List<String> notices = instrumented.errors().lines().filter(l -> l.startsWith("usdt4j-agent: ")).toList();
        assertTrue(notices.contains("usdt4j-agent: io.usdt4j.it.agent.Base#area is abstract: it has no code to instrument"), notices.toString());
        assertTrue(notices.contains("usdt4j-agent: io.usdt4j.it.agent.Cases#neverCalled is native: it has no bytecode to instrument"),
                notices.toString());
        assertTrue(notices.contains("usdt4j-agent: java.lang.StringBuilder is a class of the JDK: not instrumented"), notices.toString());
        assertTrue(notices.contains("usdt4j-agent: io.usdt4j.it.agent.Cases#thirteen has 13 parameters: its entry probe passes the first 12"),
                notices.toString());
        assertEquals(notices.size(), notices.stream().distinct().count(), "each notice once: " + notices);
        assertFalse(instrumented.errors().contains("Exception"), instrumented.errors());
        try (Stream<Path> libraries = Files.list(temp)) {
            assertTrue(libraries.anyMatch(f -> f.getFileName().toString().matches("libusdt4j-java-[0-9a-f]{16}\\.so")));
        }
    }

    /** The same while bpftrace traces every probe: each fire converts what it passes, and nothing changes. */
    @Test
    void everyMethodBehavesAsItDidWhileTraced(@TempDir Path temp) throws Exception {
        TracerRequirement.requireBpftrace();
        try (LineProcess app = new LineProcess("suite", Processes.javaCommand(javaagent(temp, ALL), classPath(),
                SuiteApp.class.getName(), List.of("serve")), false)) {
            app.awaitPrefix("ready ");
            try (LineProcess bpftrace = OpsJvm.bpftrace(app.pid(), "usdt:*:java:* { @fires = count(); }")) {
                app.send("run");
                List<String> transcript = new ArrayList<>();
                for (String line; !(line = app.await(l -> true, "the transcript")).equals("done"); ) {
                    transcript.add(line);
                }
                assertEquals(original, transcript);
                OpsJvm.stopBpftrace(bpftrace);
                String fires = bpftrace.transcript().lines().filter(l -> l.startsWith("@fires: ")).findFirst().orElse("@fires: 0");
                assertTrue(Long.parseLong(fires.substring("@fires: ".length()).strip()) > 10_000, bpftrace.transcript());
            }
        }
    }

    /** A JVM started without the agent: trace --method loads it, prints entries and returns, and restores. */
    @Test
    void traceAttachesPrintsAndRestores(@TempDir Path temp) throws Exception {
        TracerRequirement.requireBpftrace();
        try (LineProcess app = serve(List.of("-Dusdt4j.dir=" + temp), classPath())) {
            long pid = app.pid();
            try (LineProcess trace = trace(pid, "--method", CASES + "#placeOrder")) {
                trace.awaitPrefix("usdt4j: instrumented 1 method of 1 class in process " + pid);
                callUntilSeen(app, "order", trace, ENTRY::equals);
                trace.await(l -> RETURN.matcher(l).matches(), RETURN.pattern());
                trace.await(l -> THREW.matcher(l).matches(), THREW.pattern());
                CliRun.Result list = CliRun.cli("list", "-p", Long.toString(pid));
                assertTrue(list.out().contains("  [instrumented methods]"), list.out());
                assertTrue(list.lines().stream().anyMatch(l -> l.matches(" {4}java:Cases__placeOrder__[0-9a-f]{8}__entry\\(long orderId,"
                        + " String sku, int quantity\\)  \\[instrumented: " + Pattern.quote(CASES) + "#placeOrder, entry\\]  \\[traced\\]")),
                        list.out());
                trace.interrupt();
                assertEquals(0, trace.awaitExit(), trace.transcript());
                assertTrue(trace.transcript().contains("usdt4j: restored 1 method of process " + pid), trace.transcript());
            }
            assertEquals(original, run(app), "restored, every method does what it did");
            try (LineProcess json = trace(pid, "--method", CASES + "#placeOrder", "--json", "--duration", "600")) {
                json.awaitPrefix("usdt4j: instrumented 1 method");
                callUntilSeen(app, "order", json, l -> l.startsWith("{") && l.contains("\"entry\""));
                JsonNode entry = JSON.readTree(json.transcript().lines().filter(l -> l.startsWith("{") && l.contains("\"entry\"")
                        && l.contains("42")).findFirst().orElseThrow());
                assertEquals(JSON.readTree("{\"class\": \"" + CASES + "\", \"method\": \"placeOrder\", \"event\": \"entry\","
                        + " \"args\": {\"orderId\": 42, \"sku\": \"BOOK-1\", \"quantity\": 3}}"), entry);
                JsonNode returned = JSON.readTree(json.await(l -> l.startsWith("{") && l.contains("\"value\""), "a return"));
                assertEquals(List.of("class", "method", "event", "value", "ns"), fieldNames(returned));
                assertEquals(132, returned.get("value").asLong());
                assertTrue(returned.get("ns").asLong() > 0, returned.toString());
                JsonNode threw = JSON.readTree(json.await(l -> l.startsWith("{") && l.contains("\"threw\""), "a throw"));
                assertEquals(List.of("class", "method", "event", "threw", "ns"), fieldNames(threw));
                assertEquals("java.lang.IllegalStateException", threw.get("threw").asText());
                json.interrupt();
                assertEquals(0, json.awaitExit(), json.transcript());
            }
            assertEquals(original, run(app));
        }
    }

    /** A class loaded after the agent instrumented: its own library, which trace finds and traces too. */
    @Test
    void aClassLoadedLaterIsTracedToo(@TempDir Path temp) throws Exception {
        TracerRequirement.requireBpftrace();
        try (LineProcess app = serve(List.of("-Dusdt4j.dir=" + temp), classPath());
                LineProcess trace = trace(app.pid(), "--method", CASES + "#placeOrder,io.usdt4j.it.agent.Late#work", "--duration", "600")) {
            trace.awaitPrefix("usdt4j: instrumented 1 method of 1 class");
            callUntilSeen(app, "late", trace, l -> l.equals("io.usdt4j.it.agent.Late#work(n=21, tag=\"tag\")"));
            trace.await(l -> l.matches(Pattern.quote("io.usdt4j.it.agent.Late#work -> 45 (") + "\\d+ ns\\)"), "Late's return");
            trace.interrupt();
            assertEquals(0, trace.awaitExit(), trace.transcript());
            assertTrue(trace.transcript().contains("usdt4j: restored 2 methods of process " + app.pid()), trace.transcript());
        }
    }

    /** As root, the JVM of user nobody: attached as that user. */
    @Test
    void tracesAnotherUsersJvm() throws Exception {
        TracerRequirement.requireBpftrace();
        TracerRequirement.require(Host.isRoot(), "attaching to another user's JVM needs root");
        TracerRequirement.requireTool("setpriv", "util-linux");
        Path copies = readableCopies();
        try (LineProcess app = serve(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
                List.of("-Djava.io.tmpdir=/tmp"), List.of(copies))) {
            assertEquals("65534", Files.getAttribute(Path.of("/proc", Long.toString(app.pid())), "unix:uid").toString());
            try (LineProcess trace = trace(app.pid(), "--method", CASES + "#placeOrder")) {
                trace.awaitPrefix("usdt4j: instrumented 1 method");
                callUntilSeen(app, "order", trace, ENTRY::equals);
                trace.interrupt();
                assertEquals(0, trace.awaitExit(), trace.transcript());
                assertTrue(trace.transcript().contains("usdt4j: restored 1 method"), trace.transcript());
            }
            assertEquals(original, run(app));
        } finally {
            Directories.delete(copies);
        }
    }

    /** A JVM in its own mount and PID namespaces, with its own /tmp: the agent's jar goes into its /tmp. */
    @Test
    void tracesAJvmInAContainer() throws Exception {
        TracerRequirement.requireBpftrace();
        TracerRequirement.require(Host.isRoot(), "unshare needs root");
        TracerRequirement.requireTool("unshare", "util-linux");
        Path copies = readableCopies();
        List<String> container = List.of("unshare", "--fork", "--pid", "--mount-proc", "--mount", "--propagation", "private",
                "sh", "-c", "mount -t tmpfs usdt4j-test /tmp && exec \"$@\"", "sh");
        try (LineProcess app = serve(container, List.of(), List.of(copies))) {
            long pid = ProcessHandle.of(app.pid()).orElseThrow().descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst().orElseThrow().pid();
            assertTrue(Files.readString(Path.of("/proc", Long.toString(pid), "status")).lines()
                    .anyMatch(l -> l.startsWith("NSpid:") && l.trim().endsWith("\t1")), "the JVM is pid 1 of its namespace");
            try (LineProcess trace = trace(pid, "--method", CASES + "#placeOrder")) {
                trace.awaitPrefix("usdt4j: instrumented 1 method");
                callUntilSeen(app, "order", trace, ENTRY::equals);
                trace.interrupt();
                assertEquals(0, trace.awaitExit(), trace.transcript());
                assertTrue(trace.transcript().contains("usdt4j: restored 1 method"), trace.transcript());
            }
            try (Stream<Path> placed = Files.list(Path.of("/proc", Long.toString(pid), "root", "tmp", ".usdt4j-agent-0"))) {
                assertTrue(placed.anyMatch(f -> f.getFileName().toString().matches("usdt4j-agent-[0-9a-f]{16}\\.jar")),
                        "the agent's jar is in the JVM's own /tmp");
            }
            assertEquals(original, run(app));
        } finally {
            Directories.delete(copies);
        }
    }

    /** Each error: one line, exit status 2, nothing on stdout, and the JVM as it was. */
    @Test
    void errors(@TempDir Path temp) throws Exception {
        try (LineProcess app = serve(List.of("-Dusdt4j.dir=" + temp), classPath())) {
            String pid = Long.toString(app.pid());
            assertError(CliRun.cli("trace", "-p", pid, "--method", "io.usdt4j.it.agent.Nothing*#*"),
                    "selector io.usdt4j.it.agent.Nothing*#* matches no method the agent can instrument");
            assertError(CliRun.cli("trace", "-p", pid, "--method", "nohash"), "--method: selector part 1..6 is not CLASS#METHOD");
            assertError(CliRun.cli("trace", "-p", pid, "--method", CASES + "#x", "shop:*"), "trace either probes");
            assertError(withoutAttach("trace", "-p", pid, "--method", CASES + "#add"), "trace --method loads its agent");
            if (Host.isRoot() && Host.onPath("setpriv")) {
                assertError(CliRun.run(Map.of(), List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
                        "trace", "-p", pid, "--method", CASES + "#add"), "process " + pid + " runs as user 0");
            }
            assertEquals(original, run(app));
        }
        try (LineProcess refusing = serve(List.of("-XX:+DisableAttachMechanism", "-Dusdt4j.dir=" + temp), classPath())) {
            TracerRequirement.requireBpftrace();
            assertError(CliRun.cli("trace", "-p", Long.toString(refusing.pid()), "--method", CASES + "#add"),
                    "process " + refusing.pid() + " refuses attach");
        }
    }

    /** The command on a JVM whose modules leave out {@code jdk.attach}, as a JRE's may. */
    private static CliRun.Result withoutAttach(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(CliRun.JAVA, "--limit-modules", "java.base,java.logging,java.sql,jdk.unsupported",
                "-jar", CliRun.JAR.toString()));
        command.addAll(List.of(args));
        Processes.Result result = Processes.execute(Processes.PATIENCE, new ProcessBuilder(command));
        return new CliRun.Result(result.exitCode(), result.output(), result.errors());
    }

    private static void assertError(CliRun.Result result, String start) {
        assertEquals(2, result.status(), result.toString());
        assertEquals("", result.out(), result.toString());
        List<String> errors = result.err().lines().filter(l -> !l.startsWith("WARNING") && !l.startsWith("bpftrace:")).toList();
        assertEquals(1, errors.size(), result.toString());
        assertTrue(errors.get(0).startsWith("usdt4j: " + start), result.toString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static LineProcess serve(List<String> options, List<Path> classPath) throws Exception {
        return serve(List.of(), options, classPath);
    }

    private static LineProcess serve(List<String> prefix, List<String> options, List<Path> classPath) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(Processes.javaCommand(options, classPath, SuiteApp.class.getName(), List.of("serve")));
        // Its standard error apart: the JVM warns there when an agent is attached (CDS on JDK 17,
        // dynamic agent loading and native access on 21 and later), and only its output is compared.
        LineProcess app = new LineProcess("suite", command, false);
        app.awaitPrefix("ready ");
        return app;
    }

    private static LineProcess trace(long pid, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(CliRun.JAVA, "-jar", CliRun.JAR.toString(), "trace", "-p", Long.toString(pid)));
        command.addAll(List.of(arguments));
        return new LineProcess("trace", command);
    }

    /** The transcript the app prints for {@code run}, not the answers to earlier commands. */
    private static List<String> run(LineProcess app) throws Exception {
        app.send("run");
        List<String> transcript = new ArrayList<>();
        for (String line; !(line = app.await(l -> !l.startsWith("ordered ") && !l.startsWith("late "), "the transcript")).equals("done"); ) {
            transcript.add(line);
        }
        return transcript;
    }

    /** Sends {@code command} every 200 ms until the tracer prints a line {@code wanted} takes: bpftrace attaches a while after the agent. */
    private static void callUntilSeen(LineProcess app, String command, LineProcess tracer, Predicate<String> wanted) throws Exception {
        AtomicBoolean seen = new AtomicBoolean();
        Thread calling = new Thread(() -> {
            try {
                while (!seen.get()) {
                    app.send(command);
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // the test ends
            }
        });
        calling.setDaemon(true);
        calling.start();
        try {
            tracer.await(wanted, command + "'s fire");
        } finally {
            seen.set(true);
            calling.join();
        }
    }

    /** The app's classes, copied where any user can read them and that no private /tmp hides. */
    private static Path readableCopies() throws IOException {
        Path copies = Files.createTempDirectory(Path.of("/var/tmp"), "usdt4j-agent-suite");
        Files.setPosixFilePermissions(copies, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path classes = Directories.copy(Processes.classPathEntry(SuiteApp.class), copies.resolve("classes"));
        try (Stream<Path> all = Files.walk(classes)) {
            for (Path path : all.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return classes;
    }
}
