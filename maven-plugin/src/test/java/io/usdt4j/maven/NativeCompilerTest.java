// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import io.usdt4j.contract.NativeBuild;
import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.usdt4j.maven.NativeCompiler.ProbeHeader;
import io.usdt4j.maven.NativeCompiler.CompileException;
import io.usdt4j.testsupport.ProbeNote;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds libraries with the real C compiler and reads their probe notes with readelf. */
class NativeCompilerTest {
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final String TEST_USDT_H = "USDT4J_TEST_USDT_H";

    @TempDir
    Path work;

    @Test
    void withoutUsdtHeaderItBuildsOverSysSdtH() throws Exception {
        assumeFalse(compilerFinds("usdt.h"), "cc finds usdt.h on its include path, so that backend wins over sys/sdt.h");
        NativeCompiler compiler = compiler("cc", null, List.of());

        ProbeHeader backend = compiler.resolveHeader();

        assertEquals("<sys/sdt.h> (systemtap)", backend.description());
        assertProbeNotes(compiler, backend);
    }

    @Test
    void configuredUsdtHeaderIsUsed() throws Exception {
        Path usdtH = TracerRequirement.usdtHeader();
        NativeCompiler compiler = compiler("cc", usdtH, List.of());

        ProbeHeader backend = compiler.resolveHeader();

        assertEquals("usdt.h (" + usdtH.toAbsolutePath() + ")", backend.description());
        assertProbeNotes(compiler, backend);
    }

    @Test
    void usdtHeaderOnTheIncludePathIsPreferredToSysSdtH() throws Exception {
        Path includeDirectory = Files.createDirectory(work.resolve("usdt-include"));
        Files.createSymbolicLink(includeDirectory.resolve("usdt.h"), TracerRequirement.usdtHeader());
        NativeCompiler compiler = compiler("cc", null, List.of("-I" + includeDirectory));

        ProbeHeader backend = compiler.resolveHeader();

        assertEquals("usdt.h (from the include path)", backend.description());
        assertProbeNotes(compiler, backend);
    }

    @Test
    void aarch64LibraryIsBuiltByTheCrossCompilerOverACopyOfTheHostsSysSdtH() throws Exception {
        Platform aarch64 = Platform.LINUX_AARCH64;
        Toolchain toolchain = Toolchain.of(aarch64, PlatformId.LINUX_X86_64, "cc", Map.of());
        TracerRequirement.requireTool(toolchain.compiler(), aarch64.crossCompilerPackage() + " " + aarch64.crossLibcPackage());
        TracerRequirement.requireTool(aarch64.objdump(), aarch64.binutilsPackage());
        NativeCompiler compiler = new NativeCompiler(toolchain, JAVA_HOME, null, work.resolve("build"), List.of(), NativeCompiler.DEFAULT_TIMEOUT);

        ProbeHeader backend = compiler.resolveHeader();

        assertTrue(backend.description().startsWith("<sys/sdt.h> (systemtap"), backend.description());
        if (!backend.flags().isEmpty()) { // the cross compiler's own include path lacks it: a copy of the host's
            Path copies = work.resolve("build/sdt-include");
            assertEquals(List.of("-I" + copies), backend.flags());
            try (var files = Files.list(copies)) {
                assertEquals(List.of(copies.resolve("sys")), files.toList(), "only sys/ is added to the include path");
            }
        }
        Path library = work.resolve("out/linux-aarch64/libprobes.so");
        assertEquals("", compiler.compile(source("probes.c"), library, backend));
        assertTrue(Processes.run("readelf", "-h", library.toString()).matches("(?s).*Machine:\\s+AArch64\\n.*"), "an aarch64 library");
        List<ProbeNote> notes = ProbeNote.read(library);
        assertEquals(List.of("usdt4j_test:no_args", "usdt4j_test:three_args"),
                notes.stream().map(n -> n.provider() + ":" + n.name()).toList(), "one site per probe on aarch64");
        assertEquals(List.of(-1, 2, -8), notes.get(1).argumentSizes());
        for (String operand : notes.get(1).arguments().stream().map(ProbeNote.Argument::location).toList()) {
            assertTrue(operand.matches("[xw]\\d+|\\[sp(, \\d+)?\\]|\\[x\\d+(, -?\\d+)?\\]|-?\\d+"), "an aarch64 operand: " + operand);
        }
        assertNotEquals(notes.get(0).semaphore(), notes.get(1).semaphore());
        for (ProbeNote note : notes) {
            assertEquals("nop", instructionAt(library, note.location()), note + " points at the probe's nop");
        }
    }

    @Test
    void onlyX8664SitesAreBuiltWithoutTheRedZone() {
        assertEquals(List.of("-mno-red-zone", "-DUSDT4J_NO_RED_ZONE"), NativeBuild.probeSiteFlags(Platform.LINUX_X86_64));
        assertEquals(List.of(), NativeBuild.probeSiteFlags(Platform.LINUX_AARCH64),
                "-mno-red-zone is an x86 option, and aarch64 has no nop5 sites");
    }

    @Test
    void missingCrossCompilerNamesItsPackageAndTheWaysOut() throws Exception {
        Toolchain toolchain = Toolchain.of(Platform.LINUX_AARCH64, PlatformId.LINUX_X86_64, "cc",
                Map.of("linux-aarch64", work.resolve("no-such-aarch64-gcc").toString()));

        CompileException e = assertThrows(NativeCompiler.MissingCompilerException.class,
                () -> new NativeCompiler(toolchain, JAVA_HOME, null, work.resolve("build"), List.of(), NativeCompiler.DEFAULT_TIMEOUT).resolveHeader());

        assertTrue(e.getMessage().startsWith("Cannot run the C compiler '" + toolchain.compiler() + "' for linux-aarch64"),
                e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross"), e.getMessage());
        assertTrue(e.getMessage().contains("<compilers><linux-aarch64>/path/to/gcc</linux-aarch64></compilers>"), e.getMessage());
        assertTrue(e.getMessage().endsWith("or let usdt4j write the library in Java with <backend>auto</backend> or"
                + " <backend>java</backend> (-Dusdt4j.backend)"), e.getMessage());
    }

    @Test
    void missingUsdtHeaderIsNamed() throws Exception {
        Path missing = work.resolve("nowhere/usdt.h");

        CompileException e = assertThrows(CompileException.class, () -> compiler("cc", missing, List.of()).resolveHeader());

        assertTrue(e.getMessage().contains("usdtHeader " + missing + " does not exist"), e.getMessage());
    }

    @Test
    void compilerThatFindsNoHeaderGetsBothFixes() throws Exception {
        Path failing = work.resolve("failing-cc");
        Files.writeString(failing, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwx------"));

        CompileException e = assertThrows(CompileException.class,
                () -> compiler(failing.toString(), null, List.of()).resolveHeader());

        assertTrue(e.getMessage().startsWith("No USDT header found for " + failing), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install systemtap-sdt-dev"), e.getMessage());
        assertTrue(e.getMessage().contains("<usdtHeader>/path/to/usdt.h</usdtHeader>"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dusdt4j.usdtHeader="), e.getMessage());
    }

    @Test
    void badCompilerArgumentIsShownInTheCompilersOwnWords() throws Exception {
        CompileException e = assertThrows(CompileException.class,
                () -> compiler("cc", null, List.of("-fno-such-usdt4j-option")).resolveHeader());

        assertTrue(e.getMessage().startsWith("No USDT header found for cc"), e.getMessage());
        assertTrue(e.getMessage().contains("-fno-such-usdt4j-option"), "the compiler's complaint: " + e.getMessage());
    }

    @Test
    void missingCompilerSaysToInstallOneOrConfigureIt() throws Exception {
        String absent = work.resolve("no-such-cc").toString();

        CompileException e = assertThrows(CompileException.class, () -> compiler(absent, null, List.of()).resolveHeader());

        assertTrue(e.getMessage().startsWith("Cannot run the C compiler '" + absent + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install gcc"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dusdt4j.compiler"), e.getMessage());
    }

    @Test
    void javaHomeWithoutJniHSaysToUseAJdk() throws Exception {
        Path jre = Files.createDirectories(work.resolve("jre/include"));
        NativeCompiler compiler = new NativeCompiler("cc", jre.getParent(), null, work.resolve("build"), List.of());

        CompileException e = assertThrows(CompileException.class,
                () -> compiler.compile(source("probes.c"), work.resolve("lib.so"), new ProbeHeader("any", List.of())));

        assertTrue(e.getMessage().startsWith("No jni.h under " + jre + ": run Maven with a JDK"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dusdt4j.javaHome"), e.getMessage());
    }

    @Test
    void compilerErrorsAreInTheMessage() throws Exception {
        Path broken = Files.writeString(work.resolve("broken.c"), "int broken(void) {\n    return\n}\n");
        NativeCompiler compiler = compiler("cc", null, List.of());

        CompileException e = assertThrows(CompileException.class,
                () -> compiler.compile(broken, work.resolve("broken.so"), new ProbeHeader("any", List.of())));

        assertTrue(e.getMessage().startsWith("Compiling " + broken + " failed (exit 1):\n"), e.getMessage());
        assertTrue(e.getMessage().contains(broken + ":3:1: error:"), e.getMessage());
    }

    @Test
    void hungCompilerIsKilledAfterTheTimeoutWithItsChildren() throws Exception {
        Path childPid = work.resolve("child.pid");
        Path hanging = work.resolve("hanging-cc");
        // The shell waits on a child that holds the output open: both must go.
        Files.writeString(hanging, "#!/bin/sh\necho compiling\nsleep 600 &\necho $! > " + childPid + "\nwait\n");
        Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwx------"));
        NativeCompiler compiler = new NativeCompiler(hanging.toString(), JAVA_HOME, null, work.resolve("build"), List.of(),
                Duration.ofSeconds(1));

        CompileException e = assertThrows(CompileException.class, compiler::resolveHeader);

        assertTrue(e.getMessage().startsWith(hanging + " -E -x c -o /dev/null - did not finish in 1 second and was killed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("<compilerTimeoutSeconds> (-Dusdt4j.compilerTimeout=SECONDS)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Its output:\ncompiling"), e.getMessage());
        ProcessHandle child = ProcessHandle.of(Long.parseLong(Files.readString(childPid).strip())).orElse(null);
        if (child != null) {
            child.onExit().get(1, TimeUnit.MINUTES);   // killed, so it exits (a guard against a hang, not a threshold)
        }
    }

    @Test
    void compilerThatCannotStartKeepsTheCause() throws Exception {
        String absent = work.resolve("no-such-cc").toString();

        CompileException e = assertThrows(CompileException.class, () -> compiler(absent, null, List.of()).resolveHeader());

        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void timeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new NativeCompiler("cc", JAVA_HOME, null, work.resolve("build"),
                List.of(), Duration.ZERO));
    }

    @Test
    void timeoutIsDescribedInItsUnit() {
        assertEquals("300 seconds", NativeCompiler.describe(Duration.ofSeconds(300)));
        assertEquals("1 second", NativeCompiler.describe(Duration.ofSeconds(1)));
        assertEquals("500 ms", NativeCompiler.describe(Duration.ofMillis(500)));
    }

    private NativeCompiler compiler(String command, Path usdtHeader, List<String> extraArguments) throws IOException {
        return new NativeCompiler(command, JAVA_HOME, usdtHeader, work.resolve("build"), extraArguments);
    }

    /** Both backends must write the same notes, each with its own non-zero semaphore. */
    private void assertProbeNotes(NativeCompiler compiler, ProbeHeader backend) throws Exception {
        Path library = work.resolve("out/libprobes.so");

        String warnings = compiler.compile(source("probes.c"), library, backend);

        assertEquals("", warnings, "usdt4j.h must compile cleanly under -Wall -Wextra");
        List<ProbeNote> notes = ProbeNote.read(library);
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

    private static boolean compilerFinds(String header) throws Exception {
        Path probe = Files.createTempFile("usdt4j-include", ".c");
        try {
            Files.writeString(probe, "#include <" + header + ">\n");
            return Processes.execute(Processes.PATIENCE, List.of("cc", "-E", "-o", "/dev/null", probe.toString())).exitCode() == 0;
        } finally {
            Files.delete(probe);
        }
    }

    /** The instruction objdump shows at {@code address} of an aarch64 library. */
    static String instructionAt(Path library, long address) throws Exception {
        String listing = Processes.run(Platform.LINUX_AARCH64.objdump(), "-d", "--start-address=" + address,
                "--stop-address=" + (address + 4), library.toString());
        Matcher instruction = Pattern.compile("(?m)^\\s*" + Long.toHexString(address) + ":\\s+\\p{XDigit}{8}\\s+(\\S+)")
                .matcher(listing);
        assertTrue(instruction.find(), "no instruction at 0x" + Long.toHexString(address) + ":\n" + listing);
        return instruction.group(1);
    }
}
