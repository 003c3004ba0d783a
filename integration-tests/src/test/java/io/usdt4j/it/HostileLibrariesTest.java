// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static io.usdt4j.it.CliRun.FIRED;
import static io.usdt4j.it.CliRun.P;
import static io.usdt4j.it.CliRun.assertListed;
import static io.usdt4j.it.CliRun.cli;
import static io.usdt4j.it.CliRun.fireUntilSeen;
import static io.usdt4j.it.CliRun.linesOf;
import static io.usdt4j.it.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.it.CliRun.Result;
import io.usdt4j.testsupport.Directories;
import io.usdt4j.testsupport.Host;
import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code usdt4j} command as root, on a host where an unprivileged process (user nobody,
 * {@link MappingApp}) maps hostile copies of a real provider library beside a healthy JVM: copies
 * whose {@code .usdt4j} section was rewritten with {@code objcopy --update-section} (program
 * text in an argument's name, a newline, ANSI and a {@code BEGIN} block in a probe's name, more
 * arguments than the notes, a 5 MB name), a copy in a directory whose name has a newline, quotes,
 * {@code :}, {@code ,} and {@code *}, a FIFO and a symbolic link to {@code /dev/zero} put under
 * mapped paths after they were mapped (a tmpfs mounted over their directories), a truncated
 * library and a note whose name size is -12. Beside them a JVM that loaded a library whose
 * description lies (more arguments than its notes), which is traced from its notes alone.
 *
 * <p>{@code list}, {@code list --json}, {@code script} and {@code trace} still show and trace the
 * healthy JVM exactly, end in bounded time ({@link Processes#PATIENCE}), print nothing a terminal
 * acts on, and no injected statement reaches a program they print or run (bpftrace's arguments
 * are captured by a wrapper that runs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileLibrariesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOBODY = "65534";
    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups");
    /** The argument name of the issue's attack: a program that reads a file of the attacker's choosing. */
    private static final String INJECTION = "orderId=%ld\\n\", arg0); } BEGIN { printf(\"INJECTED-BEGIN\\n\"); cat(\"/etc/hostname\"); }"
            + " usdt:/x:y:z { printf(\"";
    private static final String HOSTILE_NAME = "unsigned_integers\n\u001b[31mBEGIN { printf(\"INJECTED-NAME\\n\"); }\u009b2J";
    private static final String DIRECTORY_NAME = "evil\n\"quoted\" 'a:b,c*\u001b[7m";
    private static final String FILE_NAME = "libusdt4j-" + P + "-0123456789abcdef.so";
    /** What no output, no program may contain: the injected statements, and what they would run. */
    private static final List<String> INJECTED = List.of("INJECTED", "cat(", "/etc/hostname", "usdt:/x:y:z", "system(");
    /**
     * What {@code list} prints for EveryTypeProbes from its notes alone (arguments typed by size: a
     * String is a pointer), in the order of its notes, which is the compiler's: compared sorted.
     */
    private static final List<String> NOTES_ONLY = List.of(
            "    " + P + ":signed_integers(int8 arg0, int16 arg1, int32 arg2, int64 arg3)",
            "    " + P + ":unsigned_integers(uint8 arg0, uint8 arg1, uint16 arg2)",
            "    " + P + ":strings(uint64 arg0, uint64 arg1, uint64 arg2)",
            "    " + P + ":no_arguments()",
            "    " + P + ":twelve(int64 arg0, int32 arg1, int16 arg2, int8 arg3, uint16 arg4, uint8 arg5, int64 arg6,"
                    + " int32 arg7, int16 arg8, int8 arg9, uint16 arg10, uint64 arg11)");

    private Path base;
    private Path library;
    private final Map<String, Path> hostile = new LinkedHashMap<>();
    private final List<Path> mounts = new ArrayList<>();
    private LineProcess healthy;
    private Path healthyDir;
    private LineProcess lying;
    private Path lyingDir;
    private LineProcess mapper;
    private long mapperPid;
    private Path wrapper;
    private Path argv;

    @BeforeAll
    void mapHostileLibrariesBesideAHealthyJvm() throws Exception {
        TracerRequirement.require(Host.isRoot(), "mounting over mapped paths and running a process as nobody need root");
        TracerRequirement.requireTool("objcopy", "binutils");
        TracerRequirement.requireTool("setpriv", "util-linux");
        TracerRequirement.requireTool("mkfifo", "coreutils");
        base = Files.createTempDirectory(Path.of("/tmp"), "usdt4j-hostile");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        library = Backend.C.build().library(); // the library a hostile one is made from: either backend's would do
        JsonNode description = JSON.readTree(section(library, ResourceLayout.DESCRIPTION_SECTION));

        hostile.put("injected argument", withDescription("inject", description, d -> argument(d, 0, 0).put("name", INJECTION)));
        hostile.put("hostile probe name", withDescription("name", description, d -> probe(d, 1).put("name", HOSTILE_NAME)));
        hostile.put("more arguments than notes", withDescription("more", description, HostileLibrariesTest::oneArgumentMore));
        hostile.put("a 5 MB name", withDescription("huge", description, d -> ((ObjectNode) d).put("provider", "x".repeat(5 << 20))));
        hostile.put("hostile directory", copy(DIRECTORY_NAME, Files.readAllBytes(library)));
        byte[] whole = Files.readAllBytes(library);
        hostile.put("truncated", copy("truncated", Arrays.copyOf(whole, whole.length / 3)));
        hostile.put("note name size -12", withNegativeNoteNameSize("negative"));
        hostile.put("FIFO swapped in", copy("fifo", whole));
        hostile.put("link to /dev/zero swapped in", copy("zero", whole));

        List<String> command = new ArrayList<>(AS_NOBODY);
        command.addAll(Processes.javaCommand(List.of(), Backend.C.build().classPath(), MappingApp.class.getName(),
                hostile.values().stream().map(Path::toString).toList()));
        mapper = new LineProcess("mapper", command);
        String mapped = mapper.awaitPrefix("mapped ");
        assertTrue(mapped.endsWith(" " + hostile.size()), mapped);
        mapperPid = Long.parseLong(mapped.split(" ")[1]);
        // After mapping: a FIFO and a link to /dev/zero where the mapped files were (the maps still name them).
        swapIn(hostile.get("FIFO swapped in"), path -> Processes.run("mkfifo", "-m", "0644", path.toString()));
        swapIn(hostile.get("link to /dev/zero swapped in"), path -> Files.createSymbolicLink(path, Path.of("/dev/zero")));

        healthyDir = Files.createDirectory(base.resolve("healthy-usdt4j"));
        healthy = CliRun.app(Backend.C, healthyDir);
        lyingDir = Files.createDirectory(base.resolve("lying-usdt4j"));
        ProviderBuild lyingBuild = ProviderBuild.copy(Backend.C, base.resolve("lying-classes"));
        Files.write(lyingBuild.library(), Files.readAllBytes(hostile.get("more arguments than notes")));
        Files.delete(lyingBuild.classes().resolve(ResourceLayout.libraryDigest(PlatformId.host(), P)));
        lying = CliRun.app(List.of(), lyingDir, lyingBuild);

        wrapper = Files.createDirectory(base.resolve("bin"));
        argv = base.resolve("bpftrace-argv");
        Path bpftrace = wrapper.resolve("bpftrace");
        Files.writeString(bpftrace, "#!/bin/sh\nprintf '%s\\0' \"$@\" > '" + argv + "'\nexec '" + realBpftrace() + "' \"$@\"\n");
        Files.setPosixFilePermissions(bpftrace, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    void tearDown() throws Exception {
        for (LineProcess process : Arrays.asList(mapper, healthy, lying)) {
            if (process != null) {
                process.close();
            }
        }
        for (Path mount : mounts) {
            Processes.run("umount", mount.toString());
        }
        if (base != null) {
            Directories.delete(base);
        }
    }

    @Test
    void listShowsEveryProcessAsItIs() throws Exception {
        Result list = cli("list");

        assertEquals(0, list.status(), list.toString());
        assertSafe(list);
        assertListed(healthy.pid(), healthyDir.toString(), new Result(0, String.join("\n", linesOf(healthy.pid(), list)), ""));
        List<String> lying = linesOf(this.lying.pid(), list);
        assertTrue(lying.get(1).matches("  provider " + P + "  " + Pattern.quote(lyingDir.toString()) + "/libusdt4j-" + P
                + "-[0-9a-f]{16}\\.so  \\[from its notes\\]"), lying.toString());
        assertEquals(sortedProbes(NOTES_ONLY), sortedProbes(lying.subList(2, lying.size())));

        List<String> mapped = linesOf(mapperPid, list);
        List<List<String>> expected = new ArrayList<>();
        for (String notesOnly : List.of("injected argument", "hostile probe name", "more arguments than notes", "a 5 MB name")) {
            List<String> provider = new ArrayList<>(List.of("  provider " + P + "  " + hostile.get(notesOnly) + "  [from its notes]"));
            provider.addAll(NOTES_ONLY);
            expected.add(provider);
        }
        for (String described : List.of("hostile directory", "FIFO swapped in", "link to /dev/zero swapped in")) {
            // Root reads what the process maps (/proc/PID/map_files), whatever its path names now.
            List<String> provider = new ArrayList<>(List.of("  provider " + P + "  " + escaped(hostile.get(described).toString())));
            provider.addAll(CliRun.PROBE_LINES);
            expected.add(provider);
        }
        assertEquals(sorted(expected), sorted(providers(mapped.subList(1, mapped.size()))), String.join("\n", mapped));

        List<String> notices = list.err().lines().filter(l -> l.startsWith("usdt4j: " + mapperPid + " ")).toList();
        String fromNotes = "; its probes are read from its notes alone, arguments arg0..argN";
        List<String> expectedNotices = List.of(
                notice("injected argument", "its description names what bpftrace cannot take: argument 0 of probe " + P
                        + ":signed_integers has a name that is not a Java identifier" + fromNotes),
                notice("hostile probe name", "its description names what bpftrace cannot take: a probe name of provider " + P
                        + " is not a valid probe name" + fromNotes),
                notice("more arguments than notes", "its description gives " + P + ":signed_integers 5 arguments, its notes 4"
                        + fromNotes),
                notice("a 5 MB name", "its description cannot be read: its section .usdt4j is "),
                notice("truncated", "skipped: its section headers would lie at "),
                notice("note name size -12", "skipped: the note at offset 0 of .note.stapsdt runs past its "));
        assertEquals(expectedNotices.size(), notices.size(), list.err());
        for (String wanted : expectedNotices) { // in the order of the maps
            assertEquals(1, notices.stream().filter(n -> n.startsWith(wanted)).count(), wanted + " in\n" + list.err());
        }
        assertTrue(notices.stream().anyMatch(n -> n.startsWith(expectedNotices.get(3))
                && n.endsWith(" bytes, more than the 1048576 usdt4j reads" + fromNotes)), list.err());
    }

    @Test
    void listJsonShowsTheSame() throws Exception {
        Result all = cli("list", "--json");
        Result one = cli("list", "-p", Long.toString(healthy.pid()), "--json");

        assertEquals(0, all.status(), all.toString());
        assertSafe(all);
        Map<Long, JsonNode> processes = new LinkedHashMap<>();
        JSON.readTree(all.out()).forEach(p -> processes.put(p.get("pid").asLong(), p));
        assertEquals(JSON.readTree(one.out()).get(0), processes.get(healthy.pid()));
        JsonNode mapped = processes.get(mapperPid);
        List<String> libraries = new ArrayList<>();
        mapped.get("providers").forEach(p -> libraries.add(p.get("library").asText() + " " + p.get("described").asBoolean()));
        assertEquals(Stream.of(hostile.get("injected argument") + " false", hostile.get("hostile probe name") + " false",
                hostile.get("more arguments than notes") + " false", hostile.get("a 5 MB name") + " false",
                hostile.get("hostile directory") + " true", hostile.get("FIFO swapped in") + " true",
                hostile.get("link to /dev/zero swapped in") + " true").sorted().toList(), libraries.stream().sorted().toList());
        for (JsonNode provider : mapped.get("providers")) {
            if (!provider.get("described").asBoolean()) {
                assertEquals("{\"name\":\"arg3\",\"javaType\":\"int64\"}",
                        provider.get("probes").findValues("arguments").stream().filter(a -> a.size() == 4).findFirst().orElseThrow()
                                .get(3).toString(), provider.toString());
            }
        }
    }

    @Test
    void scriptPrintsNoInjectedStatement() throws Exception {
        Result healthyScript = cli("script", "-p", Long.toString(healthy.pid()), P);
        assertEquals(0, healthyScript.status(), healthyScript.toString());
        assertEquals("", healthyScript.err());
        assertTrue(healthyScript.out().contains("usdt:/proc/" + healthy.pid() + "/root" + healthyDir + "/libusdt4j-" + P), healthyScript.out());

        Result script = cli("script", "-p", Long.toString(mapperPid), P);
        assertEquals(0, script.status(), script.toString());
        assertSafe(script);
        assertProgramSafe(script.out(), mapperPid);
        assertTrue(script.err().lines().anyMatch(l -> l.equals("usdt4j: " + mapperPid + " " + escaped(hostile.get("hostile directory")
                .toString()) + ": not traced: the library of provider " + P + " has a path that bpftrace cannot attach to: it takes"
                + " an absolute path of at most 4128 ASCII letters, digits, _ . / and -, without an empty, . or .. component")),
                script.err());
        for (String swapped : List.of("FIFO swapped in", "link to /dev/zero swapped in")) {
            assertTrue(script.err().lines().anyMatch(l -> l.startsWith(notice(swapped, "not traced: its path names no regular file now (a "))
                    && l.endsWith(" was put there), and bpftrace opens the path")), script.err());
        }
        // The libraries bpftrace may be given: those read from their notes.
        assertEquals(4, script.out().lines().filter(l -> l.endsWith(":" + P + ":signed_integers")).count(), script.out());
        assertTrue(script.out().contains("    printf(\" arg0=%ld\", arg0);"), script.out());
    }

    @Test
    void traceTracesTheHealthyJvmExactlyAndRunsNoInjectedStatement() throws Exception {
        TracerRequirement.requireBpftrace();
        try (LineProcess trace = traceWrapped(healthy.pid(), P + ":signed_integers")) {
            fireUntilSeen(healthy, trace, FIRED.get(0));
            trace.await(FIRED.get(1)::equals, FIRED.get(1));
            trace.await(FIRED.get(2)::equals, FIRED.get(2));
            trace.interrupt();
            assertEquals(0, trace.awaitExit(), trace.transcript());
        }
        assertProgramSafe(bpftraceProgram(), healthy.pid());

        Files.deleteIfExists(argv);
        Result hostileTrace = run(Map.of("PATH", wrapper + ":" + System.getenv("PATH")), List.of(), "trace", "-p",
                Long.toString(mapperPid), P, "--duration", "1");
        assertTrue(hostileTrace.status() == 0 || hostileTrace.status() == 2, hostileTrace.toString());
        assertSafe(hostileTrace);
        assertProgramSafe(bpftraceProgram(), mapperPid);
    }

    @Test
    void aLyingDescriptionIsTracedFromItsNotes() throws Exception {
        TracerRequirement.requireBpftrace();
        try (LineProcess trace = traceWrapped(lying.pid(), P + ":signed_integers")) {
            fireUntilSeen(lying, trace, P + ":signed_integers arg0=-128 arg1=-32768 arg2=-2147483648 arg3=-9223372036854775808");
            trace.await((P + ":signed_integers arg0=127 arg1=32767 arg2=2147483647 arg3=9223372036854775807")::equals, "the maxima");
            assertTrue(trace.transcript().lines().anyMatch(l -> l.startsWith("usdt4j: " + lying.pid() + " " + lyingDir)
                    && l.endsWith(": its description gives " + P + ":signed_integers 5 arguments, its notes 4; its probes are"
                    + " read from its notes alone, arguments arg0..argN")), trace.transcript());
            trace.interrupt();
            assertEquals(0, trace.awaitExit(), trace.transcript());
        }
        assertProgramSafe(bpftraceProgram(), lying.pid());
    }

    /** Without root, libraries are read by their paths: the FIFO and the link are refused, nothing blocks. */
    @Test
    void anUnprivilegedUserReadsByPathAndOpensNoFifo() throws Exception {
        Result list = run(Map.of(), AS_NOBODY, "list");

        assertEquals(0, list.status(), list.toString());
        assertSafe(list);
        List<String> mapped = linesOf(mapperPid, list);
        assertEquals(5, mapped.stream().filter(l -> l.startsWith("  provider ")).count(), mapped.toString());
        assertTrue(list.err().lines().anyMatch(l -> l.equals(notice("FIFO swapped in",
                "skipped: its path is not a regular file (a FIFO, device or socket)"))), list.err());
        assertTrue(list.err().lines().anyMatch(l -> l.equals(notice("link to /dev/zero swapped in",
                "skipped: its path is a symbolic link, not the file mapped"))), list.err());
        assertTrue(list.err().lines().anyMatch(l -> l.matches("usdt4j: skipped \\d+ process(es)? this user may not read \\(try sudo\\)")),
                list.err());
        assertFalse(list.out().contains(healthy.pid() + " "), "root's JVM is not nobody's to read");
    }

    // ---- Hostile libraries ----

    /** The bytes of section {@code name} of {@code file}. */
    private byte[] section(Path file, String name) throws Exception {
        Path dumped = base.resolve("dumped");
        Path scratch = base.resolve("scratch.so");
        Processes.run("objcopy", "--dump-section", name + "=" + dumped, file.toString(), scratch.toString());
        byte[] content = Files.readAllBytes(dumped);
        Files.delete(dumped);
        Files.delete(scratch);
        return content;
    }

    /** A copy of the library in {@code directory} (under the base), its section {@code name} {@code content}. */
    private Path withSection(String directory, String name, byte[] content) throws Exception {
        Path section = base.resolve("section");
        Files.write(section, content);
        Path copy = directory(directory).resolve(FILE_NAME);
        Processes.run("objcopy", "--update-section", name + "=" + section, library.toString(), copy.toString());
        Files.delete(section);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        return copy;
    }

    private Path withDescription(String directory, JsonNode description, Consumer<JsonNode> edit) throws Exception {
        JsonNode copy = description.deepCopy();
        edit.accept(copy);
        return withSection(directory, ResourceLayout.DESCRIPTION_SECTION, JSON.writeValueAsBytes(copy));
    }

    private Path withNegativeNoteNameSize(String directory) throws Exception {
        byte[] notes = section(library, ".note.stapsdt");
        ByteBuffer.wrap(notes).order(ByteOrder.nativeOrder()).putInt(0, -12);
        return withSection(directory, ".note.stapsdt", notes);
    }

    private Path copy(String directory, byte[] content) throws IOException {
        Path copy = directory(directory).resolve(FILE_NAME);
        Files.write(copy, content);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        return copy;
    }

    private Path directory(String name) throws IOException {
        Path directory = Files.createDirectory(base.resolve(name));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        return directory;
    }

    @FunctionalInterface
    private interface Swap {
        void at(Path path) throws Exception;
    }

    /** A tmpfs over {@code mapped}'s directory, {@code swap} making what is at its path there. */
    private void swapIn(Path mapped, Swap swap) throws Exception {
        Path directory = mapped.getParent();
        Processes.run("mount", "-t", "tmpfs", "-o", "mode=0755,size=1m", "tmpfs", directory.toString());
        mounts.add(directory);
        swap.at(mapped);
    }

    private static ObjectNode probe(JsonNode description, int probe) {
        return (ObjectNode) description.get("probes").get(probe);
    }

    private static ObjectNode argument(JsonNode description, int probe, int argument) {
        return (ObjectNode) probe(description, probe).get("arguments").get(argument);
    }

    private static void oneArgumentMore(JsonNode description) {
        ArrayNode arguments = (ArrayNode) probe(description, 0).get("arguments");
        int index = arguments.size();
        arguments.addObject().put("index", index).put("name", "extra").put("javaType", "long").put("usdtSize", -8)
                .put("tracerSees", "int64");
    }

    // ---- What the command prints and runs ----

    /** {@code list}'s lines of one process's providers, each provider's line and its probes' a block. */
    private static List<List<String>> providers(List<String> lines) {
        List<List<String>> providers = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("  provider ")) {
                providers.add(new ArrayList<>());
            }
            providers.get(providers.size() - 1).add(line);
        }
        return providers;
    }

    /** The blocks by their provider's line, the probes of each by name: the notes list probes as the compiler emitted them. */
    private static List<List<String>> sorted(List<List<String>> blocks) {
        return blocks.stream().map(block -> {
            List<String> sorted = new ArrayList<>(List.of(block.get(0)));
            sorted.addAll(sortedProbes(block.subList(1, block.size())));
            return (List<String>) sorted;
        }).sorted(java.util.Comparator.comparing(block -> block.get(0))).toList();
    }

    private static List<String> sortedProbes(List<String> probes) {
        return probes.stream().sorted().toList();
    }

    private String notice(String which, String text) {
        return "usdt4j: " + mapperPid + " " + escaped(hostile.get(which).toString()) + ": " + text;
    }

    /** A path as the command shows it: a newline as \n, ESC as \u001b. */
    private static String escaped(String path) {
        return path.replace("\\", "\\\\").replace("\n", "\\n").replace("\u001b", "\\u001b");
    }

    private LineProcess traceWrapped(long pid, String... selectors) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "PATH=" + wrapper + ":" + System.getenv("PATH"), CliRun.JAVA, "-jar",
                CliRun.JAR.toString(), "trace", "-p", Long.toString(pid)));
        command.addAll(List.of(selectors));
        return new LineProcess("trace", command);
    }

    /** The program bpftrace last ran, {@code -e}'s argument, as its wrapper recorded it. */
    private String bpftraceProgram() throws Exception {
        long deadline = System.nanoTime() + Processes.PATIENCE.toNanos();
        while (!Files.exists(argv) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<String> arguments = List.of(new String(Files.readAllBytes(argv), StandardCharsets.UTF_8).split("\0"));
        return arguments.get(arguments.indexOf("-e") + 1);
    }

    /** A program of only the renderer's statements: attach points of checked paths and names, nothing injected. */
    private static void assertProgramSafe(String program, long pid) {
        for (String injected : INJECTED) {
            assertFalse(program.contains(injected), injected + " in\n" + program);
        }
        Pattern attach = Pattern.compile("usdt:/proc/" + pid + "/root/[A-Za-z0-9_./-]+:" + P + ":[a-z_]+");
        String printf = "printf\\(\"[^\"\\\\]*(\\\\[\"n][^\"\\\\]*)*\"(, (tid|arg\\d|str\\(arg\\d\\))){0,3}\\);";
        String branch = "if \\(arg\\d [!=]= 0\\) \\{ " + printf + " \\} else \\{ " + printf + " \\}";
        Pattern statement = Pattern.compile("#!/usr/bin/env bpftrace|// .*|BEGIN|\\{|\\}|interval:s:\\d+|    exit\\(\\);|    "
                + printf + "|    " + branch + "|");
        for (String line : program.lines().toList()) {
            assertTrue(attach.matcher(line).matches() || statement.matcher(line).matches(), "not the renderer's: " + line
                    + "\nin\n" + program);
        }
        assertTrue(program.lines().filter(l -> l.equals("BEGIN")).count() <= 1, program);
    }

    /** Nothing a terminal acts on in what the command printed: no control character but line ends, no injected text. */
    private static void assertSafe(Result result) {
        for (String stream : List.of(result.out(), result.err())) {
            stream.lines().forEach(line -> line.codePoints().forEach(c -> assertFalse(c < 0x20 || (c >= 0x7f && c <= 0x9f)
                    || Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029,
                    () -> "U+" + Integer.toHexString(c) + " in " + line)));
            assertTrue(stream.lines().allMatch(l -> l.length() < 64 * 1024), "a line is not bounded");
            for (String injected : INJECTED) {
                assertFalse(stream.contains(injected), injected + " in\n" + stream);
            }
        }
    }

    private static Path realBpftrace() {
        return Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, "bpftrace")).filter(Files::isExecutable).findFirst()
                .orElse(Path.of("/usr/bin/bpftrace"));
    }
}
