// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.GeneratedNames;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @UsdtProvider(jfr = true)} in real JVMs ({@link JfrApp}) recorded by real JFR: started
 * with the JVM from the provider's .jfc or by event name, started later by {@code jcmd}, beside
 * bpftrace, without the native library, and on a runtime without {@code jdk.jfr}. Recordings are
 * read back with {@link RecordingFile}: every field's name and exact value.
 */
class JfrTest {
    private static final String PROVIDER = "usdt4j_jfr";
    private static final String PREFIX = GeneratedNames.jfrEventName(PROVIDER, "");
    private static final Path SETTINGS = ProviderBuild.CLASSES.resolve(ResourceLayout.jfrSettings(PROVIDER));
    /** What {@link JfrApp#fire} commits, field by field, in order. */
    private static final List<String> FIRED = List.of(
            "primitives {flag=true, small=-128, medium=-32768, letter=\uffff, count=-2147483648, big=-9223372036854775808,"
                    + " text=Grüße, 世界 \uD83D\uDE42}",
            "primitives {flag=false, small=127, medium=32767, letter=é, count=2147483647, big=9223372036854775807, text=null}",
            "primitives {flag=false, small=0, medium=0, letter=a, count=0, big=0, text=" + "x".repeat(1000) + "}",
            "converted {flag=false, small=0, medium=0, letter=\u0000, count=0, big=0, text=null, phase=null}",
            "converted {flag=true, small=-1, medium=-1, letter=ß, count=-1, big=-1, text=built, phase=END}");
    private static final String USDT_WARNING = "usdt4j: probes of provider '" + PROVIDER + "' are disabled and do nothing: ";

    @TempDir
    Path temp;

    /** The .jfc beside JFR's defaults, from the JVM's start: every field exact, the USDT library loaded too. */
    @Test
    void aRecordingFromTheSettingsFileSeesEveryValueExactly() throws Exception {
        Path recording = temp.resolve("rec.jfr");
        List<String> seen = run(List.of("-XX:StartFlightRecording:filename=" + recording + ",settings=default,settings=" + SETTINGS),
                true, "fire");
        assertEquals(FIRED, seen);
    }

    /** The JDK 17+ form that enables one event by name, without the settings file. */
    @Test
    void oneEventEnabledByNameOnTheCommandLine() throws Exception {
        Path recording = temp.resolve("rec.jfr");
        List<String> seen = run(List.of("-XX:StartFlightRecording:filename=" + recording + ",+" + PREFIX + "converted#enabled=true"),
                true, "fire");
        assertEquals(FIRED.stream().filter(line -> line.startsWith("converted")).toList(), seen);
    }

    /** JFR's own settings files record none of the events, and the probes stay off. */
    @ParameterizedTest
    @ValueSource(strings = {"default", "profile"})
    void jfrsOwnSettingsRecordNothing(String settings) throws Exception {
        Path recording = temp.resolve("rec.jfr");
        List<String> seen = run(List.of("-XX:StartFlightRecording:filename=" + recording + ",settings=" + settings), false,
                "fire");
        assertEquals(List.of(), seen);
    }

    /** Where the library cannot load, or may not: one USDT warning, and JFR records all the same. */
    @ParameterizedTest
    @ValueSource(strings = {"-Dusdt4j.disable=true", "-Dusdt4j.platform=darwin-aarch64"})
    void withoutTheNativeLibraryJfrStillRecords(String property) throws Exception {
        Path recording = temp.resolve("rec.jfr");
        List<String> command = Backend.C.build().javaCommand(temp.resolve("libs"),
                List.of(property, "-XX:StartFlightRecording:filename=" + recording + ",settings=" + SETTINGS),
                JfrApp.class.getName());
        try (LineProcess app = new LineProcess("JfrApp", command)) {
            LineProcess.Ready ready = app.awaitReady();
            assertTrue(ready.library().isEmpty(), ready.toString());
            assertEquals("enabled=true", app.ask("enabled?", "enabled="), "JFR enables it");
            app.ask("fire", "fired");
            assertEquals(0, app.exit(), app.transcript());
            List<String> warnings = app.transcript().lines().filter(line -> line.contains("usdt4j:"))
                    .map(line -> line.substring(line.indexOf("usdt4j:"))).toList();
            assertEquals(List.of(USDT_WARNING + ready.reason()), warnings, "exactly one warning");
        }
        assertEquals(FIRED, events(recording));
    }

    /** The library cannot load (a noexec library directory): one USDT warning, and JFR records. */
    @Test
    void aLibraryThatCannotLoadLeavesJfrRecording() throws Exception {
        TracerRequirement.require(io.usdt4j.testsupport.Host.isRoot(), "mounting a noexec tmpfs needs root");
        Path libs = Files.createDirectory(temp.resolve("libs"));
        Path recording = temp.resolve("noexec.jfr");
        try (AutoCloseable noexec = OpsJvm.mountTmpfs(libs, "noexec,mode=0700");
             LineProcess app = new LineProcess("JfrApp", Backend.C.build().javaCommand(libs,
                     List.of("-XX:StartFlightRecording:filename=" + recording + ",settings=" + SETTINGS), JfrApp.class.getName()))) {
            LineProcess.Ready ready = app.awaitReady();
            assertTrue(ready.reason().contains("failed to map segment from shared object"), ready.toString());
            app.ask("fire", "fired");
            assertEquals(0, app.exit(), app.transcript());
            assertEquals(1, app.transcript().lines().filter(line -> line.contains("usdt4j:")).count(), app.transcript());
        }
        assertEquals(FIRED, events(recording));
    }

    /**
     * A recording started on the running JVM with {@code jcmd JFR.start settings=default settings=<.jfc>}, after the
     * probes were called untraced: the query turns true, and the events are recorded.
     */
    @Test
    void aRecordingStartedLaterByJcmdRecordsTheEvents() throws Exception {
        Path recording = temp.resolve("later.jfr");
        try (LineProcess app = new LineProcess("JfrApp", Backend.C.build().javaCommand(temp.resolve("libs"),
                List.of(), JfrApp.class.getName()))) {
            app.awaitReady();
            assertEquals("counted 1000", app.ask("count 1000", "counted"), "untraced, before any recording");
            assertEquals("enabled=false", app.ask("enabled?", "enabled="));
            String pid = Long.toString(app.pid());
            Processes.run(jcmd(), pid, "JFR.start", "name=usdt4j", "settings=default", "settings=" + SETTINGS);
            assertEquals("enabled", app.ask("await-enabled", "enabled"));
            app.ask("fire", "fired");
            Processes.run(jcmd(), pid, "JFR.stop", "name=usdt4j", "filename=" + recording);
            assertEquals("enabled=false", app.ask("enabled?", "enabled="), "off again once the recording stopped");
            assertEquals(0, app.exit(), app.transcript());
        }
        assertEquals(FIRED, events(recording));
    }

    /** bpftrace and JFR at once, on the same JVM: each sees every call. */
    @Backend.Each
    void bpftraceAndJfrBothSeeEveryFire(Backend backend) throws Exception {
        TracerRequirement.requireBpftrace();
        Path recording = temp.resolve("both.jfr");
        int calls = 500;
        try (LineProcess app = new LineProcess("JfrApp", backend.build().javaCommand(temp.resolve("libs"),
                List.of("-XX:StartFlightRecording:filename=" + recording + ",settings=" + SETTINGS), JfrApp.class.getName()))) {
            app.awaitReady().loaded();
            try (LineProcess bpftrace = OpsJvm.bpftrace(app.pid(),
                    "usdt:*:" + PROVIDER + ":counted { printf(\"seq %ld\\n\", arg0); }")) {
                app.ask("count " + calls, "counted");
                List<String> traced = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    traced.add(bpftrace.awaitPrefix("seq "));
                }
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    expected.add("seq " + i);
                }
                assertEquals(expected, traced, "bpftrace saw every call");
            }
            assertEquals(0, app.exit(), app.transcript());
        }
        List<String> recorded = events(recording);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            expected.add("counted {sequence=" + i + "}");
        }
        assertEquals(expected, recorded, "JFR saw every call");
    }

    /**
     * A JVM that records nothing loads no JFR internals for a jfr = true provider: of jdk.jfr only
     * {@code FlightRecorder} (whose static field says JFR is not initialized), nothing of
     * {@code jdk.jfr.internal}, and none of the provider's event classes.
     */
    @Test
    void untracedTheProviderLoadsNoJfrInternals() throws Exception {
        try (LineProcess app = new LineProcess("JfrApp", Backend.C.build().javaCommand(temp.resolve("libs"),
                List.of("-Xlog:class+load=info"), JfrApp.class.getName()))) {
            app.awaitReady().loaded();
            app.ask("fire", "fired");
            app.ask("count 100000", "counted");
            assertEquals("enabled=false", app.ask("enabled?", "enabled="));
            assertEquals(0, app.exit(), app.transcript());
            List<String> loaded = app.transcript().lines().filter(line -> line.contains("[class,load]"))
                    .map(line -> line.substring(line.indexOf("]", line.indexOf("[class,load]")) + 1).trim().split(" ")[0])
                    .filter(name -> name.startsWith("jdk.jfr.") || name.contains("$" + GeneratedNames.JFR_CLASS))
                    .toList();
            assertEquals(List.of("io.usdt4j.it.JfrProbesUsdt$" + GeneratedNames.JFR_CLASS, "jdk.jfr.FlightRecorder"), loaded,
                    "JFR classes loaded untraced");
        }
    }

    /**
     * A jlinked runtime without module jdk.jfr runs the provider with USDT only: the library loads,
     * one warning says why JFR is off, and nothing fails to link. JDK 17 links from its jmods
     * (Debian's openjdk-17-jdk-headless has them); Temurin 25 has none, but links from its own
     * run-time image.
     */
    @Test
    void aRuntimeWithoutJdkJfrRunsTheProvider() throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path image = temp.resolve("image");
        Processes.run(Processes.PATIENCE.multipliedBy(3), List.of(javaHome.resolve("bin/jlink").toString(),
                "--add-modules", "java.base,jdk.unsupported", "--output", image.toString()));
        String modules = Processes.run(image.resolve("bin/java").toString(), "--list-modules");
        assertFalse(modules.contains("jdk.jfr"), "the image has no jdk.jfr: " + modules);
        List<String> command = new ArrayList<>(Backend.C.build().javaCommand(temp.resolve("libs"), List.of(),
                JfrApp.class.getName()));
        command.set(0, image.resolve("bin/java").toString());
        String how = "jlinked java.base,jdk.unsupported";
        try (LineProcess app = new LineProcess("JfrApp", command)) {
            LineProcess.Ready ready = app.awaitReady();
            assertTrue(ready.library().isPresent(), how + ": USDT still loads: " + ready);
            assertEquals("enabled=false", app.ask("enabled?", "enabled="));
            app.ask("fire", "fired");
            app.ask("count 1000", "counted");
            assertEquals(0, app.exit(), app.transcript());
            String transcript = app.transcript();
            assertFalse(transcript.contains("NoClassDefFoundError") || transcript.contains("Exception"), transcript);
            List<String> warnings = transcript.lines().filter(line -> line.contains("usdt4j:"))
                    .map(line -> line.substring(line.indexOf("usdt4j:"))).toList();
            assertEquals(List.of("usdt4j: JFR events of provider '" + PROVIDER + "' are off: module jdk.jfr is not in this JVM"
                    + " (a runtime image without it, or one that did not resolve it: --add-modules jdk.jfr);"
                    + " its USDT probes are unaffected"), warnings, how);
        }
    }

    /** Runs JfrApp with {@code options}, sends {@code commands}, and returns the events of the recording it names. */
    private List<String> run(List<String> options, boolean enabled, String... commands) throws Exception {
        String option = options.get(0);
        Path recording = Path.of(option.substring(option.indexOf("filename=") + "filename=".length()).split(",")[0]);
        try (LineProcess app = new LineProcess("JfrApp", Backend.C.build().javaCommand(temp.resolve("libs"),
                options, JfrApp.class.getName()))) {
            app.awaitReady().loaded();
            for (String command : commands) {
                app.ask(command, command.equals("fire") ? "fired" : "");
            }
            assertEquals(0, app.exit(), app.transcript());
        }
        return events(recording);
    }

    /** This provider's events in a recording, {@code <probe> {field=value, ...}} in commit order. */
    static List<String> events(Path recording) throws Exception {
        List<RecordedEvent> events = new ArrayList<>(RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().startsWith(PREFIX)).toList());
        // One thread committed them all, in order; chunks may hold them out of order.
        events.sort(java.util.Comparator.comparing(RecordedEvent::getStartTime));
        List<String> lines = new ArrayList<>();
        for (RecordedEvent event : events) {
            assertEquals(List.of("usdt4j", PROVIDER), event.getEventType().getCategoryNames());
            Map<String, Object> values = new LinkedHashMap<>();
            for (ValueDescriptor field : event.getFields()) {
                if (!List.of("startTime", "duration", "eventThread", "stackTrace").contains(field.getName())) {
                    values.put(field.getName(), event.getValue(field.getName()));
                }
            }
            assertEquals(null, event.getStackTrace(), "no stack traces");
            lines.add(event.getEventType().getName().substring(PREFIX.length()) + " "
                    + values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ", "{", "}")));
        }
        return lines;
    }

    private static String jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }
}
