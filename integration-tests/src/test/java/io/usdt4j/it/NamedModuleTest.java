// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.TracerRequirement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.it.ConsumerBuild.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A consumer in a named module whose module-info says only {@code requires io.usdt4j;}, exporting
 * and opening nothing, built with this reactor's processor and native compiler, run with
 * {@code java -p ... -m} by the JVM running this test, and traced by real bpftrace; and the same
 * sources as a plain jar, on the module path (an automatic module) and on the class path.
 */
class NamedModuleTest {
    private static final int FEATURE = Runtime.version().feature();
    /** The fast read of this JDK, on the module path as on the class path. */
    private static final String FAST_ACCESS = FEATURE >= 22 ? "segment" : "unsafe";
    private static final String WARNING = "usdt4j: probes of provider 'modshop' are disabled and do nothing: ";

    @TempDir
    static Path buildDirectory;

    private static ConsumerBuild consumer;

    @TempDir
    Path temp;

    @BeforeAll
    static void buildTheConsumer() throws Exception {
        consumer = ConsumerBuild.build(buildDirectory);
    }

    /** JDK 24 and later restrict {@code System.load}: the one flag a consumer passes, naming its module. */
    private static List<String> nativeAccess(Shape shape) {
        return FEATURE >= 24 ? List.of("--enable-native-access=" + shape.nativeAccessName) : List.of();
    }

    /** Each shape with each backend's library. */
    static Stream<Arguments> shapesAndBackends() {
        return Stream.of(Shape.values()).flatMap(shape -> Backend.each().map(backend -> Arguments.of(shape, backend)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("shapesAndBackends")
    void providerLoadsAndReadsSemaphoresFastWithoutAnyOtherFlag(Shape shape, Backend backend) throws Exception {
        Path libs = temp.resolve("libs");
        try (LineProcess app = new LineProcess(shape.name(), consumer.command(backend, shape, libs, nativeAccess(shape)))) {
            assertLoaded(app, shape, libs);
            assertUntracedProbesRunToExit(app);
            assertEquals(List.of(), linesWith(app.transcript(), "WARNING"), "no warning of any kind");
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("shapesAndBackends")
    void bpftraceSeesEveryValueExactly(Shape shape, Backend backend) throws Exception {
        TracerRequirement.requireBpftrace();
        Path libs = temp.resolve("libs");
        try (LineProcess app = new LineProcess(shape.name(), consumer.command(backend, shape, libs, nativeAccess(shape)))) {
            assertLoaded(app, shape, libs);
            List<String> traced = new ArrayList<>();
            try (LineProcess bpftrace = OpsJvm.bpftrace(app.pid(), "usdt:*:modshop:order_placed"
                    + " { printf(\"order_placed %ld [%s] %d\\n\", arg0, str(arg1), arg2); }")) {
                app.send("await-enabled");
                app.awaitPrefix("enabled");
                app.send("fire");
                app.awaitPrefix("fired");
                traced.add(bpftrace.awaitPrefix("order_placed "));
                traced.add(bpftrace.awaitPrefix("order_placed "));
                bpftrace.interrupt();
                bpftrace.awaitExit();
            }
            traced.sort(null); // one buffer per CPU: a thread that moved may come out of order
            assertEquals(List.of("order_placed -9223372036854775808 [naïve ☃] 2147483647", "order_placed 42 [BOOK-1] 3"),
                    traced);
            app.send("enabled?");
            assertEquals("enabled=false", app.awaitPrefix("enabled="), "after bpftrace detached");
            app.send("exit");
            assertEquals(0, app.awaitExit(), app.transcript());
        }
    }

    /** Without the flag JDK 24+ loads the library all the same, and its own warning names the flag. */
    @Backend.Each
    @EnabledForJreRange(min = JRE.JAVA_24)
    void withoutNativeAccessTheJdksWarningNamesTheModule(Backend backend) throws Exception {
        Path libs = temp.resolve("libs");
        try (LineProcess app = new LineProcess("named", consumer.command(backend, Shape.NAMED_MODULE, libs, List.of()))) {
            assertLoaded(app, Shape.NAMED_MODULE, libs);
            app.send("exit");
            assertEquals(0, app.awaitExit(), app.transcript());
            assertTrue(app.transcript().contains("WARNING: Use --enable-native-access=" + ConsumerBuild.MODULE
                    + " to avoid a warning for callers in this module"), app.transcript());
            assertEquals(List.of(), linesWith(app.transcript(), "usdt4j:"), "usdt4j itself has nothing to warn about");
        }
    }

    /**
     * Where native access is denied, the provider is a no-op and usdt4j's one warning names the flag
     * to pass: the JVM refuses before it loads the library, so one backend's will do.
     */
    @ParameterizedTest
    @EnumSource(Shape.class)
    @EnabledForJreRange(min = JRE.JAVA_24)
    void deniedNativeAccessGivesOneWarningNamingTheFlag(Shape shape) throws Exception {
        try (LineProcess app = new LineProcess(shape.name(), consumer.command(Backend.C, shape, temp.resolve("libs"),
                List.of("--illegal-native-access=deny")))) {
            String ready = app.awaitPrefix("ready ");
            String reason = ready.substring(ready.indexOf("unavailable: ") + "unavailable: ".length());
            assertTrue(reason.startsWith("java.lang.IllegalCallerException: Illegal native access from "), ready);
            assertTrue(reason.endsWith("; run java with --enable-native-access=" + shape.nativeAccessName), ready);
            assertUntracedProbesRunToExit(app);
            assertEquals(List.of(WARNING + reason), linesWith(app.transcript(), "usdt4j: probes of provider").stream()
                    .map(line -> line.substring(line.indexOf("usdt4j: "))).toList(), "exactly one warning");
        }
    }

    /**
     * The ready line names the library extracted into {@code libs} and mapped; the module is what
     * the shape makes it, and the semaphores are read the fast way of this JDK.
     */
    private static void assertLoaded(LineProcess app, Shape shape, Path libs) throws Exception {
        String ready = app.awaitPrefix("ready ");
        Path library = Path.of(ready.split(" ", 3)[2]);
        assertEquals(libs, library.getParent(), ready);
        assertTrue(OpsJvm.mapped(app.pid(), library), library + " mapped");
        String module = shape == Shape.CLASS_PATH ? "unnamed" : shape.nativeAccessName;
        assertEquals("module=" + module, app.awaitPrefix("module="));
        assertEquals("semaphoreAccess=" + FAST_ACCESS, app.awaitPrefix("semaphoreAccess="));
    }

    /** With no tracer, the query is false and firing does nothing; then the application exits cleanly. */
    private static void assertUntracedProbesRunToExit(LineProcess app) throws Exception {
        app.send("enabled?");
        assertEquals("enabled=false", app.awaitPrefix("enabled="));
        app.send("fire");
        app.awaitPrefix("fired");
        app.send("exit");
        assertEquals(0, app.awaitExit(), app.transcript());
    }

    private static List<String> linesWith(String transcript, String text) {
        return transcript.lines().filter(line -> line.contains(text)).toList();
    }
}
