package io.usdt4j.maven;

import io.usdt4j.contract.PlatformId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.usdt4j.maven.NativeCompiler.Backend;
import io.usdt4j.maven.NativeCompiler.CompileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds libraries with the real C compiler and reads their probe notes with readelf. */
class NativeCompilerTest {
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final String TEST_USDT_H = "USDT4J_TEST_USDT_H";

    /**
     * One .note.stapsdt entry: where its probe instruction is, and each argument's operand;
     * argument sizes are negative for signed arguments, as in the note.
     */
    record Note(String provider, String name, long location, long semaphore, List<Integer> argumentSizes,
            List<String> operands) {}

    /** An argument as the note spells it: {@code -8@%rax} on x86-64, {@code -8@x1} or {@code -4@[sp, 8]} on aarch64. */
    private static final Pattern ARGUMENT = Pattern.compile("(-?\\d+)@(\\[[^\\]]*\\]|\\S+)");

    @TempDir
    Path work;

    @Test
    void withoutUsdtHeaderItBuildsOverSysSdtH() throws Exception {
        assumeFalse(compilerFinds("usdt.h"), "cc finds usdt.h on its include path, so that backend wins over sys/sdt.h");
        NativeCompiler compiler = compiler("cc", null, List.of());

        Backend backend = compiler.resolveBackend();

        assertEquals("<sys/sdt.h> (systemtap)", backend.description());
        assertProbeNotes(compiler, backend);
    }

    @Test
    void configuredUsdtHeaderIsUsed() throws Exception {
        Path usdtH = testUsdtHeader();
        NativeCompiler compiler = compiler("cc", usdtH, List.of());

        Backend backend = compiler.resolveBackend();

        assertEquals("usdt.h (" + usdtH.toAbsolutePath() + ")", backend.description());
        assertProbeNotes(compiler, backend);
    }

    @Test
    void usdtHeaderOnTheIncludePathIsPreferredToSysSdtH() throws Exception {
        Path includeDirectory = Files.createDirectory(work.resolve("usdt-include"));
        Files.createSymbolicLink(includeDirectory.resolve("usdt.h"), testUsdtHeader());
        NativeCompiler compiler = compiler("cc", null, List.of("-I" + includeDirectory));

        Backend backend = compiler.resolveBackend();

        assertEquals("usdt.h (from the include path)", backend.description());
        assertProbeNotes(compiler, backend);
    }

    @Test
    void aarch64LibraryIsBuiltByTheCrossCompilerOverACopyOfTheHostsSysSdtH() throws Exception {
        Toolchain toolchain = Toolchain.of(PlatformId.LINUX_AARCH64, PlatformId.LINUX_X86_64, "cc", Map.of());
        requireTool(toolchain.compiler(), "apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross");
        requireTool("aarch64-linux-gnu-objdump", "apt-get install binutils-aarch64-linux-gnu");
        NativeCompiler compiler = new NativeCompiler(toolchain, JAVA_HOME, null, work.resolve("build"), List.of());

        Backend backend = compiler.resolveBackend();

        assertTrue(backend.description().startsWith("<sys/sdt.h> (systemtap"), backend.description());
        if (!backend.flags().isEmpty()) { // the cross compiler's own include path lacks it: a copy of the host's
            Path copies = work.resolve("build/sdt-include");
            assertEquals(List.of("-I" + copies), backend.flags());
            try (var files = Files.list(copies)) {
                assertEquals(List.of(copies.resolve("sys")), files.toList(), "only sys/ is added to the include path");
            }
        }
        Path library = work.resolve("out/linux-aarch64/libprobes.so");
        assertEquals("", compiler.compile(source("probes.c"), library, backend, PlatformId.LINUX_AARCH64));
        assertTrue(run("readelf", "-h", library.toString()).matches("(?s).*Machine:\\s+AArch64\\n.*"), "an aarch64 library");
        List<Note> notes = probeNotes(library);
        assertEquals(List.of("usdt4j_test:no_args", "usdt4j_test:three_args"),
                notes.stream().map(n -> n.provider() + ":" + n.name()).toList(), "one site per probe on aarch64");
        assertEquals(List.of(-1, 2, -8), notes.get(1).argumentSizes());
        for (String operand : notes.get(1).operands()) {
            assertTrue(operand.matches("[xw]\\d+|\\[sp(, \\d+)?\\]|\\[x\\d+(, -?\\d+)?\\]|-?\\d+"), "an aarch64 operand: " + operand);
        }
        assertNotEquals(notes.get(0).semaphore(), notes.get(1).semaphore());
        for (Note note : notes) {
            assertEquals("nop", instructionAt(library, note.location()), note + " points at the probe's nop");
        }
    }

    @Test
    void onlyX8664SitesAreBuiltWithoutTheRedZone() {
        assertEquals(List.of("-mno-red-zone", "-DUSDT4J_NO_RED_ZONE"), NativeCompiler.probeSiteFlags(PlatformId.LINUX_X86_64));
        assertEquals(List.of(), NativeCompiler.probeSiteFlags(PlatformId.LINUX_AARCH64),
                "-mno-red-zone is an x86 option, and aarch64 has no nop5 sites");
    }

    @Test
    void missingCrossCompilerNamesItsPackageAndTheWaysOut() throws Exception {
        Toolchain toolchain = Toolchain.of(PlatformId.LINUX_AARCH64, PlatformId.LINUX_X86_64, "cc",
                Map.of("linux-aarch64", work.resolve("no-such-aarch64-gcc").toString()));

        CompileException e = assertThrows(NativeCompiler.MissingCompilerException.class,
                () -> new NativeCompiler(toolchain, JAVA_HOME, null, work.resolve("build"), List.of()).resolveBackend());

        assertTrue(e.getMessage().startsWith("Cannot run the C compiler '" + toolchain.compiler() + "' for linux-aarch64"),
                e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross"), e.getMessage());
        assertTrue(e.getMessage().contains("<compilers><linux-aarch64>/path/to/gcc</linux-aarch64></compilers>"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dusdt4j.skipMissingCompilers"), e.getMessage());
    }

    @Test
    void missingUsdtHeaderIsNamed() throws Exception {
        Path missing = work.resolve("nowhere/usdt.h");

        CompileException e = assertThrows(CompileException.class, () -> compiler("cc", missing, List.of()).resolveBackend());

        assertTrue(e.getMessage().contains("usdtHeader " + missing + " does not exist"), e.getMessage());
    }

    @Test
    void compilerThatFindsNoHeaderGetsBothFixes() throws Exception {
        Path failing = work.resolve("failing-cc");
        Files.writeString(failing, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwx------"));

        CompileException e = assertThrows(CompileException.class,
                () -> compiler(failing.toString(), null, List.of()).resolveBackend());

        assertTrue(e.getMessage().startsWith("No USDT header found for " + failing), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install systemtap-sdt-dev"), e.getMessage());
        assertTrue(e.getMessage().contains("<usdtHeader>/path/to/usdt.h</usdtHeader>"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dusdt4j.usdtHeader="), e.getMessage());
    }

    @Test
    void badCompilerArgumentIsShownInTheCompilersOwnWords() throws Exception {
        CompileException e = assertThrows(CompileException.class,
                () -> compiler("cc", null, List.of("-fno-such-usdt4j-option")).resolveBackend());

        assertTrue(e.getMessage().startsWith("No USDT header found for cc"), e.getMessage());
        assertTrue(e.getMessage().contains("-fno-such-usdt4j-option"), "the compiler's complaint: " + e.getMessage());
    }

    @Test
    void missingCompilerSaysToInstallOneOrConfigureIt() throws Exception {
        String absent = work.resolve("no-such-cc").toString();

        CompileException e = assertThrows(CompileException.class, () -> compiler(absent, null, List.of()).resolveBackend());

        assertTrue(e.getMessage().startsWith("Cannot run the C compiler '" + absent + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install gcc"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dusdt4j.compiler"), e.getMessage());
    }

    @Test
    void javaHomeWithoutJniHSaysToUseAJdk() throws Exception {
        Path jre = Files.createDirectories(work.resolve("jre/include"));
        NativeCompiler compiler = new NativeCompiler("cc", jre.getParent(), null, work.resolve("build"), List.of());

        CompileException e = assertThrows(CompileException.class,
                () -> compiler.compile(source("probes.c"), work.resolve("lib.so"), new Backend("any", List.of()), PlatformId.host()));

        assertTrue(e.getMessage().startsWith("No jni.h under " + jre + ": run Maven with a JDK"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dusdt4j.javaHome"), e.getMessage());
    }

    @Test
    void compilerErrorsAreInTheMessage() throws Exception {
        Path broken = Files.writeString(work.resolve("broken.c"), "int broken(void) {\n    return\n}\n");
        NativeCompiler compiler = compiler("cc", null, List.of());

        CompileException e = assertThrows(CompileException.class,
                () -> compiler.compile(broken, work.resolve("broken.so"), new Backend("any", List.of()), PlatformId.host()));

        assertTrue(e.getMessage().startsWith("Compiling " + broken + " failed (exit 1):\n"), e.getMessage());
        assertTrue(e.getMessage().contains(broken + ":3:1: error:"), e.getMessage());
    }

    @Test
    void providerSourcesAreTheCFilesTheProcessorWrote() throws Exception {
        Path sources = Files.createDirectories(work.resolve("classes/META-INF/usdt4j/src"));
        for (String file : List.of("shop.c", "billing.c", "notes.txt", "shop.h")) {
            Files.writeString(sources.resolve(file), "");
        }

        assertEquals(List.of(sources.resolve("billing.c"), sources.resolve("shop.c")),
                NativeCompiler.providerSources(work.resolve("classes")));
        assertEquals(List.of(), NativeCompiler.providerSources(work.resolve("no-classes")));
    }

    @Test
    void providerNameIsTheSourceFileName() {
        assertEquals("shop", NativeCompiler.providerName(Path.of("classes/META-INF/usdt4j/src/shop.c")));
        assertEquals("order_flow", NativeCompiler.providerName(Path.of("order_flow.c")));
    }

    private NativeCompiler compiler(String command, Path usdtHeader, List<String> extraArguments) throws IOException {
        return new NativeCompiler(command, JAVA_HOME, usdtHeader, work.resolve("build"), extraArguments);
    }

    /** Both backends must write the same notes, each with its own non-zero semaphore. */
    private void assertProbeNotes(NativeCompiler compiler, Backend backend) throws Exception {
        Path library = work.resolve("out/libprobes.so");

        String warnings = compiler.compile(source("probes.c"), library, backend, PlatformId.host());

        assertEquals("", warnings, "usdt4j.h must compile cleanly under -Wall -Wextra");
        List<Note> notes = probeNotes(library);
        assertEquals(List.of("usdt4j_test:no_args", "usdt4j_test:three_args"),
                notes.stream().map(n -> n.provider() + ":" + n.name()).toList());
        assertEquals(List.of(), notes.get(0).argumentSizes());
        assertEquals(List.of(-1, 2, -8), notes.get(1).argumentSizes());
        assertNotEquals(0L, notes.get(0).semaphore());
        assertNotEquals(0L, notes.get(1).semaphore());
        assertNotEquals(notes.get(0).semaphore(), notes.get(1).semaphore());
    }

    /** The test's C source, copied out of the class path so the compiler reads a plain file. */
    private Path source(String name) throws IOException {
        try (InputStream in = NativeCompilerTest.class.getResourceAsStream(name)) {
            Path copy = work.resolve("src").resolve(name);
            Files.createDirectories(copy.getParent());
            Files.write(copy, in.readAllBytes());
            return copy;
        }
    }

    /** Parses readelf's rendering of the .note.stapsdt section. */
    static List<Note> probeNotes(Path library) throws Exception {
        List<Note> notes = new ArrayList<>();
        String provider = null;
        String name = null;
        long location = 0;
        long semaphore = 0;
        for (String line : run("readelf", "--notes", library.toString()).split("\n")) {
            String text = line.strip();
            if (text.startsWith("Provider: ")) {
                provider = text.substring("Provider: ".length());
            } else if (text.startsWith("Name: ")) {
                name = text.substring("Name: ".length());
            } else if (text.startsWith("Location: ")) {
                location = Long.decode(text.substring("Location: ".length(), text.indexOf(',')));
                semaphore = Long.decode(text.substring(text.indexOf("Semaphore: ") + "Semaphore: ".length()));
            } else if (text.startsWith("Arguments:")) {
                List<Integer> sizes = new ArrayList<>();
                List<String> operands = new ArrayList<>();
                Matcher argument = ARGUMENT.matcher(text.substring("Arguments:".length()));
                while (argument.find()) {
                    sizes.add(Integer.parseInt(argument.group(1)));
                    operands.add(argument.group(2));
                }
                notes.add(new Note(provider, name, location, semaphore, sizes, operands));
            }
        }
        return notes;
    }

    /** The mnemonic of the aarch64 instruction at {@code address}, per binutils-aarch64-linux-gnu's objdump. */
    static String instructionAt(Path library, long address) throws Exception {
        String listing = run("aarch64-linux-gnu-objdump", "-d", "--start-address=" + address,
                "--stop-address=" + (address + 4), library.toString());
        Matcher instruction = Pattern.compile("(?m)^\\s*" + Long.toHexString(address) + ":\\s+\\p{XDigit}{8}\\s+(\\S+)")
                .matcher(listing);
        assertTrue(instruction.find(), "no instruction at 0x" + Long.toHexString(address) + ":\n" + listing);
        return instruction.group(1);
    }

    /** A tool the test needs: skips without it, unless USDT4J_REQUIRE_TRACER=1 says the machine must have it. */
    static void requireTool(String command, String install) {
        boolean found;
        try {
            found = exitCode(command, "--version") == 0;
        } catch (Exception e) {
            found = false;
        }
        if (!found && "1".equals(System.getenv("USDT4J_REQUIRE_TRACER"))) {
            fail(command + " is not installed (" + install + ") and USDT4J_REQUIRE_TRACER=1");
        }
        assumeTrue(found, command + " is not installed (" + install + ")");
    }

    /** usdt.h is not ours to ship: tests read a local copy named by the environment, or skip. */
    private static Path testUsdtHeader() {
        String configured = System.getenv(TEST_USDT_H);
        assumeTrue(configured != null && !configured.isEmpty(),
                TEST_USDT_H + " is not set: set it to a copy of libbpf's usdt.h to test the usdt.h backend");
        Path header = Path.of(configured);
        assumeTrue(Files.isRegularFile(header), TEST_USDT_H + "=" + configured + " is not a file");
        return header;
    }

    private static boolean compilerFinds(String header) throws Exception {
        Path probe = Files.createTempFile("usdt4j-include", ".c");
        try {
            Files.writeString(probe, "#include <" + header + ">\n");
            return exitCode("cc", "-E", "-o", "/dev/null", probe.toString()) == 0;
        } finally {
            Files.delete(probe);
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed:\n" + output);
        return output;
    }

    private static int exitCode(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
        return process.exitValue();
    }
}
