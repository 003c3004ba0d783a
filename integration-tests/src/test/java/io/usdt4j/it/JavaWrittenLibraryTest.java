// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.testsupport.Host;
import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.ProbeNote;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real generated provider class ({@link WriterConsumerBuild}) on a library written in Java and on
 * one built by gcc: the runtime loads and binds each, bpftrace reads the same values from both on
 * each kind of site, and every tool (readelf, eu-elflint, tplist, gdb, perf, bpftrace) says the same
 * of both libraries' probes. On aarch64, the Java-written library loads and fires on the arm64 JVM
 * under qemu.
 */
class JavaWrittenLibraryTest {
    private static final String SCRIPT = String.join("\n",
            "BEGIN { printf(\"all probes attached\\n\"); }",
            "usdt:*:usdt4j_numbers:signed_integers { printf(\"signed_integers %d %d %d %ld\\n\", arg0, arg1, arg2, arg3); }",
            "usdt:*:usdt4j_numbers:unsigned_integers { printf(\"unsigned_integers %d %d %d\\n\", arg0, arg1, arg2); }",
            "usdt:*:usdt4j_numbers:no_arguments { printf(\"no_arguments\\n\"); }",
            "usdt:*:usdt4j_numbers:twelve { printf(\"twelve %ld %d %d %d %d %d\\n\", arg0, arg1, arg2, arg3, arg4, arg5); }");

    /** What NumbersApp fires, as bpftrace prints it (arg0 to arg5: bpftrace 0.17 reads no further). */
    private static final List<String> EXPECTED = List.of(
            "signed_integers -128 -32768 -2147483648 -9223372036854775808",
            "signed_integers 127 32767 2147483647 9223372036854775807",
            "signed_integers -1 -1 -1 -1",
            "unsigned_integers 1 0 65535",
            "unsigned_integers 0 1 0",
            "no_arguments",
            "twelve -1 2 -3 4 65 1");

    private static final Pattern ELFLINT_STAPSDT = Pattern.compile(
            "section \\[\\s*\\d+\\] '\\.note\\.stapsdt': unknown object file note type 3 with owner name 'stapsdt' at offset \\d+");

    /** This JVM's platform, whose libraries are traced. */
    private static final Platform HOST = PlatformId.host().platform();

    @TempDir
    static Path buildDirectory;

    private static WriterConsumerBuild build;

    @TempDir
    Path temp;

    @BeforeAll
    static void buildTheProvider() throws Exception {
        build = WriterConsumerBuild.build(buildDirectory);
    }

    /** The platforms whose libraries the C backend builds too, which each tool compares with the Java-written ones. */
    static Stream<Platform> compiledPlatforms() {
        return Stream.of(Platform.values()).filter(Backend.C::builds);
    }

    static Stream<Arguments> backendsAndSites() {
        return Stream.of("java", "gcc").flatMap(backend -> HOST.sites().stream()
                .map(site -> Arguments.of(backend, site.kind().number())));
    }

    @ParameterizedTest(name = "library by {0}, probes on nop{1}")
    @MethodSource("backendsAndSites")
    void bpftraceSeesEveryValueExactly(String backend, int nopSize) throws Exception {
        requireGccBuilt(HOST);
        TracerRequirement.requireBpftrace();
        Path libs = temp.resolve("libs");
        try (LineProcess app = new LineProcess("NumbersApp", build.command(Processes.java(), backend, libs,
                List.of("-Dusdt4j.probeNop=" + nopSize)))) {
            Path loaded = app.awaitReady().loaded();
            assertArrayEquals(Files.readAllBytes(build.library(backend, HOST)), Files.readAllBytes(loaded),
                    "the runtime extracted and loaded the " + backend + " library");
            assertEquals("nop=" + nopSize, app.ask("nop?", "nop="));
            assertEquals("enabled=false,false,false,false", app.ask("enabled?", "enabled="));
            List<String> traced = new ArrayList<>();
            try (LineProcess bpftrace = new LineProcess("bpftrace", List.of("bpftrace", "-p", Long.toString(app.pid()),
                    "-e", SCRIPT))) {
                bpftrace.awaitPrefix("all probes attached");
                app.ask("await-enabled", "enabled");
                app.ask("fire", "fired");
                for (int i = 0; i < EXPECTED.size(); i++) {
                    traced.add(bpftrace.await(line -> EXPECTED.stream().anyMatch(e -> line.startsWith(e.split(" ")[0])),
                            "probe output " + (i + 1)));
                }
                Platform.KernelRelease fastFrom = HOST.site(Platform.SiteKind.of(nopSize)).fastFrom();
                assertEquals(fastFrom != null && fastFrom.reachedBy(System.getProperty("os.version")),
                        Files.readAllLines(Path.of("/proc", Long.toString(app.pid()), "maps")).stream()
                                .anyMatch(line -> line.endsWith("[uprobes-trampoline]")),
                        "Linux 6.18+ maps its uprobe trampoline for the five-byte nops it optimized");
                bpftrace.interrupt();
                bpftrace.awaitExit();
            }
            assertEquals(EXPECTED.stream().sorted().toList(), traced.stream().sorted().toList()); // one buffer per CPU
            assertEquals("enabled=false,false,false,false", app.ask("enabled?", "enabled="), "after bpftrace detached");
            assertEquals(0, app.exit(), app.transcript());
        }
    }

    /** readelf: the same probes, sites, argument sizes and signs, and the same description. */
    @ParameterizedTest
    @MethodSource("compiledPlatforms")
    void readelfReadsTheSameNotesAndDescription(Platform platform) throws Exception {
        requireGccBuilt(platform);
        Path java = build.library("java", platform);
        Path gcc = build.library("gcc", platform);
        assertEquals(notes(gcc), notes(java));
        assertArrayEquals(section(platform, "gcc", ".usdt4j"), section(platform, "java", ".usdt4j"), "the description");
        for (Path library : List.of(java, gcc)) {
            String readelf = Processes.run("readelf", "-a", "-W", library.toString());
            assertFalse(readelf.contains("Warning"), library + ":\n" + readelf);
        }
    }

    /** eu-elflint: nothing but the stapsdt notes it does not know, as many for each. */
    @ParameterizedTest
    @MethodSource("compiledPlatforms")
    void elflintSaysTheSame(Platform platform) throws Exception {
        requireGccBuilt(platform);
        TracerRequirement.requireTool("eu-elflint", "elfutils");
        Map<String, Integer> complaints = new TreeMap<>();
        for (String backend : List.of("java", "gcc")) {
            Processes.Result elflint = Processes.execute(Processes.PATIENCE, List.of("eu-elflint", "--gnu-ld",
                    build.library(backend, platform).toString()));
            List<String> lines = elflint.output().lines().toList();
            lines.forEach(line -> assertTrue(ELFLINT_STAPSDT.matcher(line).matches(), backend + ": " + line));
            complaints.put(backend, lines.size());
        }
        assertEquals(complaints.get("gcc"), complaints.get("java"), complaints.toString());
    }

    /** gdb: the same probes, on as many sites each. */
    @ParameterizedTest
    @MethodSource("compiledPlatforms")
    void gdbListsTheSameProbes(Platform platform) throws Exception {
        requireGccBuilt(platform);
        TracerRequirement.requireTool("gdb", "gdb");
        Map<String, List<String>> probes = new LinkedHashMap<>();
        for (String backend : List.of("java", "gcc")) {
            String listing = Processes.run(Duration.ofMinutes(1), List.of("gdb", "-nx", "-batch", "-ex", "info probes stap",
                    build.library(backend, platform).toString()));
            probes.put(backend, listing.lines().filter(line -> line.startsWith("stap "))
                    .map(line -> line.split("\\s+")[1] + ":" + line.split("\\s+")[2]).sorted().toList());
        }
        assertEquals(probes.get("gcc"), probes.get("java"));
        assertEquals(4 * platform.sites().size(), probes.get("java").size(), probes.toString());
    }

    /** tplist (bcc, which reads arguments in the host's syntax only): the same probes, sites, and argument sizes and signs. */
    @Test
    void tplistParsesTheSameArguments() throws Exception {
        requireGccBuilt(HOST);
        TracerRequirement.requireTool("tplist-bpfcc", "bpfcc-tools");
        Pattern header = Pattern.compile("(\\w+:\\w+) \\[sema 0x\\p{XDigit}+\\]");
        Pattern argument = Pattern.compile("argument #(\\d+) (\\d+) (signed|unsigned) +bytes @ .+");
        Map<String, Map<String, List<String>>> byBackend = new LinkedHashMap<>();
        for (String backend : List.of("java", "gcc")) {
            String listing = Processes.run("tplist-bpfcc", "-vv", "-l", build.library(backend, HOST).toString());
            Map<String, List<String>> probes = new TreeMap<>();
            List<String> current = null;
            for (String line : listing.lines().map(String::strip).toList()) {
                Matcher probe = header.matcher(line);
                Matcher parsed = argument.matcher(line);
                if (probe.matches()) {
                    current = probes.computeIfAbsent(probe.group(1), name -> new ArrayList<>());
                } else if (line.startsWith("location #")) {
                    current.add("location");
                } else if (parsed.matches()) {
                    current.add(parsed.group(1) + ": " + parsed.group(2) + " " + parsed.group(3));
                }
            }
            byBackend.put(backend, probes);
        }
        assertEquals(byBackend.get("gcc"), byBackend.get("java"));
        assertEquals(4, byBackend.get("java").size(), byBackend.toString());
    }

    /** perf (which reads arguments in the host's syntax only): the same SDT events, an uprobe per site, each argument of the same type. */
    @Test
    void perfDefinesTheSameEvents() throws Exception {
        requireGccBuilt(HOST);
        TracerRequirement.requireTool("perf", "linux-perf");
        Map<String, List<String>> events = new LinkedHashMap<>();
        for (String backend : List.of("java", "gcc")) {
            Path library = build.library(backend, HOST);
            Path cache = temp.resolve("perf-" + backend);
            Processes.run(Processes.PATIENCE, List.of("perf", "--buildid-dir", cache.toString(), "buildid-cache", "--add",
                    library.toString()));
            List<String> types = new ArrayList<>();
            for (String probe : List.of("signed_integers", "unsigned_integers", "no_arguments", "twelve")) {
                String output = Processes.run(Processes.PATIENCE, List.of("perf", "--buildid-dir", cache.toString(), "probe",
                        "-n", "-v", "-x", library.toString(), "sdt_" + WriterConsumerBuild.PROVIDER + ":" + probe));
                output.lines().filter(line -> line.startsWith("Writing event: ")).forEach(line -> types.add(probe + " "
                        + line.replaceAll(" arg(\\d+)=\\S+:(\\w+)", " arg$1:$2").replaceFirst("^Writing event: \\S+ \\S+", "")));
            }
            events.put(backend, types.stream().sorted().toList());
        }
        assertEquals(events.get("gcc"), events.get("java"));
        assertEquals(8, events.get("java").size(), events.toString());
    }

    /** bpftrace lists the same probes of each library, by path and in a running JVM ({@code -p}). */
    @Test
    void bpftraceListsTheSameProbesByPathAndInTheRunningJvm() throws Exception {
        requireGccBuilt(HOST);
        TracerRequirement.requireBpftrace();
        Map<String, List<String>> byPath = new LinkedHashMap<>();
        Map<String, List<String>> inProcess = new LinkedHashMap<>();
        for (String backend : List.of("java", "gcc")) {
            Path library = build.library(backend, HOST);
            byPath.put(backend, Processes.run("bpftrace", "-l", "usdt:" + library + ":*").lines()
                    .map(line -> line.replace(library.toString(), "LIBRARY")).sorted().toList());
            try (LineProcess app = new LineProcess("NumbersApp", build.command(Processes.java(), backend,
                    temp.resolve("libs-" + backend), List.of()))) {
                Path loaded = app.awaitReady().loaded();
                inProcess.put(backend, Processes.run("bpftrace", "-l", "-p", Long.toString(app.pid()), "usdt:*:usdt4j_numbers:*")
                        .lines().map(line -> line.replaceFirst("^usdt:/proc/\\d+/root", "usdt:").replace(loaded.toString(), "LIBRARY"))
                        .sorted().toList());
                assertEquals(0, app.exit(), app.transcript());
            }
        }
        assertEquals(byPath.get("gcc"), byPath.get("java"));
        assertEquals(List.of("usdt:LIBRARY:usdt4j_numbers:no_arguments", "usdt:LIBRARY:usdt4j_numbers:signed_integers",
                "usdt:LIBRARY:usdt4j_numbers:twelve", "usdt:LIBRARY:usdt4j_numbers:unsigned_integers"), byPath.get("java"));
        assertEquals(inProcess.get("gcc"), inProcess.get("java"));
        assertEquals(byPath.get("java"), inProcess.get("java"));
    }

    /** Uprobes cannot be traced under qemu's user-mode emulation: the library loads, binds and fires. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.usdt4j.it.CrossPlatformTest#otherPlatforms")
    void anotherPlatformsLibraryLoadsAndFiresOnItsJvmUnderQemu(Platform platform) throws Exception {
        Path java = CrossPlatformTest.java(platform);
        TracerRequirement.require(Host.onPath(platform.qemuUser()), platform.qemuUser() + " is not installed"
                + " (apt-get install qemu-user-static)");
        TracerRequirement.require(Files.isExecutable(java), "no " + platform.id() + " JVM at " + java + " (dpkg"
                + " --add-architecture " + platform.debianArch() + "; apt-get install " + platform.jdkPackage() + ")");
        List<String> command = new ArrayList<>(List.of(platform.qemuUser()));
        command.addAll(build.command(java.toString(), "java", temp.resolve("libs"), List.of()));
        try (LineProcess app = new LineProcess(platform.id() + " NumbersApp", command)) {
            Path loaded = app.awaitReady().loaded();
            assertArrayEquals(Files.readAllBytes(build.library("java", platform)), Files.readAllBytes(loaded));
            assertEquals("nop=" + platform.preferredSite(System.getProperty("os.version")).kind().number(), app.ask("nop?", "nop="));
            assertEquals("enabled=false,false,false,false", app.ask("enabled?", "enabled="));
            assertEquals("fired", app.ask("fire", "fired"));
            assertEquals(0, app.exit(), app.transcript());
        }
    }

    private static void requireGccBuilt(Platform platform) {
        TracerRequirement.require(build.gccPlatforms().contains(platform), "no C compiler for " + platform.id()
                + " (apt-get install gcc-" + platform.gnuTriplet().replace('_', '-') + ")");
    }

    /** Each probe's sites and argument sizes, by name. */
    private static Map<String, List<String>> notes(Path library) throws Exception {
        Map<String, List<String>> notes = new TreeMap<>();
        for (ProbeNote note : ProbeNote.read(library)) {
            assertTrue(note.semaphore() != 0, note.toString());
            notes.computeIfAbsent(note.provider() + ":" + note.name(), name -> new ArrayList<>())
                    .add(note.argumentSizes().toString());
        }
        return notes;
    }

    /** Section {@code name} of {@code backend}'s library for {@code platform}. */
    private byte[] section(Platform platform, String backend, String name) throws Exception {
        Path out = temp.resolve(backend + "-" + platform.id() + name);
        Processes.run(platform.gnuTriplet() + "-objcopy", "-O", "binary", "--only-section=" + name,
                build.library(backend, platform).toString(), out.toString());
        return Files.readAllBytes(out);
    }
}
