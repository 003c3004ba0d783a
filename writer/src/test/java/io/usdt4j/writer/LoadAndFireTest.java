// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.Driver;
import io.usdt4j.testsupport.Host;
import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A JVM loads a Java-written library of its platform for {@link WriterFixture}, binds its natives on
 * each kind of site and fires every probe, while bpftrace (attached by path before the JVM starts,
 * or to the running JVM with {@code -p}) and perf (all twelve arguments) read every value exactly.
 * Every other platform's library loads, binds and fires on that platform's JVM under qemu.
 */
class LoadAndFireTest {
    /** bpftrace 0.17 reads arg0 to arg5; 32- and 64-bit unsigned values print with %lu. */
    private static final String PROBES = String.join("\n",
            "BEGIN { printf(\"all probes attached\\n\"); }",
            "usdt:LIBRARY:usdt4j_writer:signed_integers { printf(\"signed_integers %d %d %d %ld\\n\", arg0, arg1, arg2, arg3); }",
            "usdt:LIBRARY:usdt4j_writer:unsigned_integers { printf(\"unsigned_integers %d %d %d %d %lu %lu\\n\", arg0, arg1, arg2, arg3, arg4, arg5); }",
            "usdt:LIBRARY:usdt4j_writer:text { printf(\"text [%s] %ld\\n\", str(arg0), arg1); }",
            "usdt:LIBRARY:usdt4j_writer:no_arguments { printf(\"no_arguments\\n\"); }",
            "usdt:LIBRARY:usdt4j_writer:twelve { printf(\"twelve %ld %d %d %d %d %d\\n\", arg0, arg1, arg2, arg3, arg4, arg5); }");

    /** What WriterFixture.fire() passes, as bpftrace prints it. */
    static final List<String> EXPECTED = List.of(
            "signed_integers -128 -32768 -2147483648 -9223372036854775808",
            "signed_integers 127 32767 2147483647 9223372036854775807",
            "signed_integers -1 -1 -1 -1",
            "unsigned_integers 1 0 255 65535 4294967295 18446744073709551615",
            "unsigned_integers 0 1 128 32768 2147483648 9223372036854775808",
            "text [" + WriterFixture.TEXT + "] 0",
            "no_arguments",
            "twelve -1 2 -3 4 65 1");

    /** This JVM's platform, whose library the tests trace. */
    private static final Platform HOST = PlatformId.host().platform();

    @TempDir
    Path temp;

    /** The kinds of site this platform has. */
    static Stream<Integer> siteKinds() {
        return HOST.sites().stream().map(site -> site.kind().number());
    }

    /** bindProbes$ with each kind of site there is (and those this platform lacks, and none): the kind it binds. */
    static Stream<Arguments> bindings() {
        return Stream.concat(Stream.of(Platform.SiteKind.values()).map(Platform.SiteKind::number), Stream.of(0, 7))
                .map(asked -> Arguments.of(asked, HOST.site(Platform.SiteKind.of(asked)) != null ? asked
                        : HOST.sites().get(0).kind().number()));
    }

    @ParameterizedTest(name = "bindProbes$({0}) binds nop{1}")
    @MethodSource("bindings")
    void loadsBindsAndAnswersAsTheCBackendDoes(int asked, int bound) throws Exception {
        try (LineProcess app = fixture(library(HOST), asked)) {
            assertDescribes(app, bound);
            assertEquals("enabled=0,0,0,0,0", app.ask("enabled?", "enabled="));
            assertEquals("fired", app.ask("fire", "fired"));
            assertEquals(0, app.exit(), app.transcript());
        }
    }

    @ParameterizedTest(name = "probes on nop{0}")
    @MethodSource("siteKinds")
    void bpftraceAttachedByPathBeforeTheJvmStartsSeesEveryValueExactly(int nopSize) throws Exception {
        TracerRequirement.requireBpftrace();
        Path library = library(HOST);
        assertEquals(List.of("usdt:" + library + ":usdt4j_writer:no_arguments",
                "usdt:" + library + ":usdt4j_writer:signed_integers", "usdt:" + library + ":usdt4j_writer:text",
                "usdt:" + library + ":usdt4j_writer:twelve", "usdt:" + library + ":usdt4j_writer:unsigned_integers"),
                Processes.run("bpftrace", "-l", "usdt:" + library + ":*").lines().sorted().toList());
        try (LineProcess bpftrace = new LineProcess("bpftrace", List.of("bpftrace", "-e",
                PROBES.replace("LIBRARY", library.toString())))) {
            bpftrace.awaitPrefix("all probes attached");
            try (LineProcess app = fixture(library, nopSize)) {
                assertDescribes(app, nopSize);
                assertTracedExactly(app, bpftrace, nopSize);
            }
        }
    }

    @ParameterizedTest(name = "probes on nop{0}")
    @MethodSource("siteKinds")
    void bpftraceAttachedToTheRunningJvmSeesEveryValueExactly(int nopSize) throws Exception {
        TracerRequirement.requireBpftrace();
        Path library = library(HOST);
        try (LineProcess app = fixture(library, nopSize)) {
            assertDescribes(app, nopSize);
            String pid = Long.toString(app.pid());
            List<String> listed = Processes.run("bpftrace", "-l", "-p", pid, "usdt:*:usdt4j_writer:*").lines().sorted().toList();
            assertEquals(List.of("usdt4j_writer:no_arguments", "usdt4j_writer:signed_integers", "usdt4j_writer:text",
                    "usdt4j_writer:twelve", "usdt4j_writer:unsigned_integers"),
                    listed.stream().map(line -> line.substring(line.lastIndexOf(':', line.lastIndexOf(':') - 1) + 1)).toList(),
                    "bpftrace -l -p " + pid + ": " + listed);
            try (LineProcess bpftrace = new LineProcess("bpftrace", List.of("bpftrace", "-p", pid, "-e",
                    PROBES.replace("LIBRARY", "*")))) {
                bpftrace.awaitPrefix("all probes attached");
                assertTracedExactly(app, bpftrace, nopSize);
            }
        }
    }

    /**
     * Every argument, the stack's too, as the kernel reads it for perf's probe of the SDT event: perf
     * defines the uprobe event from the note ({@code perf probe}); the kernel's own tracing records it
     * in a buffer of the test's own (a tracefs instance) and prints each value by its type. (perf 6.1's
     * {@code perf script} prints 8- and 16-bit signed fields as unsigned, whoever wrote the note.)
     */
    @ParameterizedTest(name = "probes on nop{0}")
    @MethodSource("siteKinds")
    void perfsProbeReadsAllTwelveArguments(int nopSize) throws Exception {
        TracerRequirement.require(Host.isRoot(), "perf probe and tracefs need root");
        TracerRequirement.requireTool("perf", "linux-perf");
        Path library = library(HOST);
        Perf perf = new Perf(temp.resolve("perf"));
        perf.addSdtEvent(library, "twelve");
        try (TraceInstance trace = new TraceInstance(Perf.GROUP + "/twelve")) {
            try (LineProcess app = fixture(library, nopSize)) {
                String describe = assertDescribes(app, nopSize);
                Matcher twelfth = Pattern.compile("twelfth=(\\d+)").matcher(describe);
                assertTrue(twelfth.find(), describe);
                assertEquals("enabled", app.ask("await-enabled 4", "enabled"), "the event raised twelve's semaphore");
                app.ask("fire", "fired");
                assertEquals(0, app.exit(), app.transcript());
                List<String> events = trace.read().lines().filter(line -> line.contains(" twelve: ")).toList();
                assertEquals(List.of("arg1=-1 arg2=2 arg3=-3 arg4=4 arg5=65 arg6=1 arg7=-9223372036854775808 arg8=-8"
                        + " arg9=32767 arg10=-128 arg11=65535 arg12=" + twelfth.group(1)),
                        events.stream().map(line -> line.substring(line.indexOf("arg1="))).toList(), String.join("\n", events));
            }
        } finally {
            perf.deleteEvents();
        }
    }

    static Stream<Platform> otherPlatforms() {
        return Stream.of(Platform.values()).filter(platform -> platform != HOST);
    }

    /** Uprobes cannot be traced under qemu's user-mode emulation: the library loads, binds and fires. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("otherPlatforms")
    void anotherPlatformsLibraryLoadsBindsAndFiresOnItsJvmUnderQemu(Platform platform) throws Exception {
        Path java = Path.of(platform.jdkHome(), "bin", "java");
        TracerRequirement.require(Host.onPath(platform.qemuUser()), platform.qemuUser() + " is not installed"
                + " (apt-get install qemu-user-static)");
        TracerRequirement.require(Files.isExecutable(java), "no " + platform.id() + " JVM at " + java + " (dpkg"
                + " --add-architecture " + platform.debianArch() + "; apt-get install " + platform.jdkPackage() + ")");
        List<String> command = new ArrayList<>(List.of(platform.qemuUser(), java.toString()));
        List<String> fixture = fixtureCommand(library(platform), Platform.SiteKind.NOP5.number());
        command.addAll(fixture.subList(1, fixture.size()));
        try (LineProcess app = new LineProcess(platform.id() + " WriterFixture", command)) {
            assertDescribes(app, platform.site(Platform.SiteKind.NOP5) != null ? Platform.SiteKind.NOP5.number()
                    : platform.sites().get(0).kind().number());
            assertEquals("enabled=0,0,0,0,0", app.ask("enabled?", "enabled="));
            assertEquals("fired", app.ask("fire", "fired"));
            assertEquals(0, app.exit(), app.transcript());
        }
    }

    /** Checks what the fixture reports of its binding; returns its line. */
    private static String assertDescribes(LineProcess app, int bound) throws Exception {
        app.awaitReady().loaded();
        String describe = app.ask("describe", "semaphores ");
        assertTrue(describe.startsWith("semaphores capacity=10 direct=true offsets=[0, 2, 4, 6, 8] bound=" + bound + " "),
                describe);
        assertEquals("misuse null=null short=null long=null", app.ask("misuse", "misuse "));
        assertEquals("address null=0 heap=0 direct=42", app.ask("address", "address "));
        return describe;
    }

    private static void assertTracedExactly(LineProcess app, LineProcess bpftrace, int nopSize) throws Exception {
        app.ask("await-enabled", "enabled");
        String enabled = app.ask("enabled?", "enabled=");
        System.out.println("semaphores while bpftrace is attached: " + enabled);
        assertTrue(enabled.matches("enabled=[1-9]\\d*(,[1-9]\\d*){4}"), enabled);
        app.ask("fire", "fired");
        List<String> traced = new ArrayList<>();
        for (int i = 0; i < EXPECTED.size(); i++) {
            traced.add(bpftrace.await(line -> EXPECTED.stream().anyMatch(e -> line.startsWith(e.split(" ")[0])),
                    "probe output " + (i + 1)));
        }
        // Linux 6.18+ rewrites a traced five-byte nop into a call to a trampoline it maps into the
        // process: the fast path ran, in a function that keeps nothing below the stack pointer.
        Platform.KernelRelease fastFrom = HOST.site(Platform.SiteKind.of(nopSize)).fastFrom();
        assertEquals(fastFrom != null && fastFrom.reachedBy(System.getProperty("os.version")), Files.readAllLines(
                Path.of("/proc", Long.toString(app.pid()), "maps")).stream().anyMatch(line -> line.endsWith("[uprobes-trampoline]")),
                "[uprobes-trampoline] mapped");
        bpftrace.interrupt();
        bpftrace.awaitExit();
        // bpftrace reads one buffer per CPU: a thread that moved may print out of order.
        assertEquals(EXPECTED.stream().sorted().toList(), traced.stream().sorted().toList());
        assertEquals("enabled=0,0,0,0,0", app.ask("enabled?", "enabled="), "after bpftrace detached");
        assertEquals(0, app.exit(), app.transcript());
    }

    private Path library(Platform platform) throws Exception {
        Path directory = Files.createDirectories(temp.resolve(platform.id()));
        return Files.write(directory.resolve("libusdt4j-" + WriterFixture.PROVIDER + ".so"),
                LibraryWriter.write(TestProviders.EVERY_TYPE, platform));
    }

    private static LineProcess fixture(Path library, int nopSize) throws Exception {
        return new LineProcess("WriterFixture", fixtureCommand(library, nopSize));
    }

    private static List<String> fixtureCommand(Path library, int nopSize) {
        return Processes.javaCommand(List.of("--enable-native-access=ALL-UNNAMED"),
                List.of(Processes.classPathEntry(WriterFixture.class), Processes.classPathEntry(Driver.class)),
                WriterFixture.class.getName(), List.of(library.toString(), Integer.toString(nopSize)));
    }

    /** A tracing buffer of the test's own, with one event enabled in it. */
    static final class TraceInstance implements AutoCloseable {
        private static final Path TRACEFS = Path.of("/sys/kernel/tracing");
        private final Path instance;
        private final Path enable;

        TraceInstance(String event) throws Exception {
            instance = Files.createDirectory(TRACEFS.resolve("instances").resolve("usdt4j-writer-" + ProcessHandle.current().pid()));
            enable = instance.resolve("events").resolve(event).resolve("enable");
            Files.writeString(enable, "1");
        }

        String read() throws Exception {
            return Files.readString(instance.resolve("trace"));
        }

        @Override
        public void close() throws Exception {
            Files.writeString(enable, "0");
            Files.delete(instance);
        }
    }

    /** perf's SDT events of the fixture's provider, with a build-ID cache of the test's own. */
    static final class Perf {
        static final String GROUP = "sdt_" + WriterFixture.PROVIDER;
        private final Path cache;

        Perf(Path cache) {
            this.cache = cache;
        }

        void addSdtEvent(Path library, String probe) throws Exception {
            deleteEvents(); // what an interrupted run may have left
            Processes.run(Processes.PATIENCE, perf("buildid-cache", "--add", library.toString()));
            Processes.run(Processes.PATIENCE, perf("probe", "-x", library.toString(), "-a", GROUP + ":" + probe));
        }

        /** The events perf probe added: kernel state, shared by every perf on the machine. */
        void deleteEvents() throws Exception {
            Processes.execute(Duration.ofSeconds(60), perf("probe", "-d", GROUP + ":*"));
        }

        List<String> perf(String... arguments) {
            List<String> command = new ArrayList<>(List.of("perf", "--buildid-dir", cache.toString()));
            command.addAll(List.of(arguments));
            return command;
        }
    }
}
