// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.writer.LibraryWriter;
import io.usdt4j.writer.ProviderLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform list, each platform's backend (the real compilers, or the writer) and why, and what happens when a compiler is missing. */
class PlatformBuildsTest {
    private static final PlatformId HOST_ID = PlatformId.host();
    private static final Platform HOST = HOST_ID.platform();
    private static final Platform OTHER = HOST == Platform.LINUX_AARCH64 ? Platform.LINUX_X86_64 : Platform.LINUX_AARCH64;

    @TempDir
    Path work;

    /** Keeps the warnings, as Maven would print them. */
    static final class RecordingLog extends SystemStreamLog {
        final List<String> warnings = new ArrayList<>();
        final List<String> infos = new ArrayList<>();

        @Override
        public void info(CharSequence content) {
            infos.add(content.toString());
            super.info(content);
        }

        @Override
        public void warn(CharSequence content) {
            warnings.add(content.toString());
            super.warn(content);
        }
    }

    /** Both Linux architectures on every host, Linux or not; every platform of the table with all. */
    @Test
    void linuxX86_64AndAarch64ByDefault() {
        List<Platform> both = List.of(Platform.LINUX_X86_64, Platform.LINUX_AARCH64);
        assertEquals(both, PlatformBuilds.targets(List.of()));
        assertEquals(both, PlatformBuilds.targets(null));
        assertEquals(List.of(Platform.values()), PlatformBuilds.targets(List.of("all")));
        assertEquals(List.of(Platform.LINUX_AARCH64), PlatformBuilds.targets(List.of("linux-aarch64")));
    }

    /** The grammar is the contract's (PlatformIdTest); a platform off the table fails the build before anything is built. */
    @Test
    void aPlatformOffTheTableIsRefused() {
        for (String id : List.of("linux-riscv64", "linux-s390x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PlatformBuilds.targets(List.of("linux-x86_64," + id)));
            assertEquals("usdt4j supports " + Platform.describeAll() + ", not " + id, e.getMessage());
        }
    }

    @Test
    void theBackendIsAutoJavaOrCc() {
        assertEquals(LibraryBackend.Choice.AUTO, LibraryBackend.Choice.parse("auto"));
        assertEquals(LibraryBackend.Choice.JAVA, LibraryBackend.Choice.parse(" Java"));
        assertEquals(LibraryBackend.Choice.CC, LibraryBackend.Choice.parse("CC"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LibraryBackend.Choice.parse("gcc"));
        assertTrue(e.getMessage().startsWith("'gcc' is not a backend: auto "), e.getMessage());
    }

    @Test
    void eachPlatformHasItsCompiler() {
        assertEquals(new Toolchain(Platform.LINUX_X86_64, "cc", false),
                Toolchain.of(Platform.LINUX_X86_64, PlatformId.LINUX_X86_64, "cc", Map.of()));
        assertEquals(new Toolchain(Platform.LINUX_AARCH64, "aarch64-linux-gnu-gcc", true),
                Toolchain.of(Platform.LINUX_AARCH64, PlatformId.LINUX_X86_64, "cc", Map.of()));
        assertEquals(new Toolchain(Platform.LINUX_X86_64, "x86_64-linux-gnu-gcc", true),
                Toolchain.of(Platform.LINUX_X86_64, PlatformId.LINUX_AARCH64, "cc", Map.of()));
        assertEquals(new Toolchain(Platform.LINUX_AARCH64, "/opt/cross/bin/gcc", true),
                Toolchain.of(Platform.LINUX_AARCH64, PlatformId.LINUX_X86_64, "cc", Map.of("linux-aarch64", "/opt/cross/bin/gcc")));
        assertEquals(new Toolchain(Platform.LINUX_X86_64, "clang", false),
                Toolchain.of(Platform.LINUX_X86_64, PlatformId.LINUX_X86_64, "cc", Map.of("linux-x86_64", "clang")));
    }

    @Test
    void bothPlatformsAreCompiledWhereTheirCompilersAre() throws Exception {
        Toolchain cross = Toolchain.of(OTHER, HOST_ID, "cc", Map.of());
        io.usdt4j.testsupport.TracerRequirement.requireTool(cross.compiler(), OTHER.crossCompilerPackage());
        Path classes = classesWithProvider();
        RecordingLog log = new RecordingLog();

        List<Path> libraries = builds(LibraryBackend.Choice.AUTO, HOST_ID, List.of(Toolchain.of(HOST, HOST_ID, "cc", Map.of()), cross), log)
                .build(classes, List.of("probes"));

        assertEquals(List.of(classes.resolve(ResourceLayout.library(PlatformId.of(HOST), "probes")),
                classes.resolve(ResourceLayout.library(PlatformId.of(OTHER), "probes"))), libraries);
        assertTrue(libraries.stream().allMatch(Files::isRegularFile), libraries.toString());
        assertEquals(List.of(), log.warnings);
        for (Toolchain toolchain : List.of(Toolchain.of(HOST, HOST_ID, "cc", Map.of()), cross)) { // which backend, and why
            String chosen = "usdt4j: " + toolchain.platform().id() + ": compiled by " + toolchain.compiler() + " over ";
            String why = "; backend auto: " + toolchain.compiler() + " and a probe header are installed";
            assertTrue(log.infos.stream().anyMatch(line -> line.startsWith(chosen) && line.endsWith(why)), chosen + " in " + log.infos);
        }
        assertCompiled(libraries);
    }

    /** With {@code cc}, a missing compiler fails the build, saying what to install, and writes no library. */
    @Test
    void aMissingCompilerFailsTheBuildWithCc() throws Exception {
        Path classes = classesWithProvider();

        NativeCompiler.MissingCompilerException e = assertThrows(NativeCompiler.MissingCompilerException.class,
                () -> builds(LibraryBackend.Choice.CC, HOST_ID, List.of(Toolchain.of(HOST, HOST_ID, "cc", Map.of()), missing()),
                        new RecordingLog()).build(classes, List.of("probes")));

        assertTrue(e.getMessage().contains("apt-get install " + OTHER.crossCompilerPackage()), e.getMessage());
        assertTrue(e.getMessage().endsWith("or let usdt4j write the library in Java with <backend>auto</backend> or"
                + " <backend>java</backend> (-Dusdt4j.backend)"), e.getMessage());
        assertFalse(Files.exists(classes.resolve(ResourceLayout.library(PlatformId.of(OTHER), "probes"))));
    }

    /** With {@code auto}, a platform whose compiler is missing gets the library written in Java, and the log says why. */
    @Test
    void aMissingCompilerGivesTheJavaWrittenLibraryWithAuto() throws Exception {
        Path classes = classesWithProvider();
        RecordingLog log = new RecordingLog();

        List<Path> libraries = builds(LibraryBackend.Choice.AUTO, HOST_ID, List.of(missing(), Toolchain.of(HOST, HOST_ID, "cc", Map.of())), log)
                .build(classes, List.of("probes"));

        Path other = classes.resolve(ResourceLayout.library(PlatformId.of(OTHER), "probes"));
        assertEquals(List.of(other, classes.resolve(ResourceLayout.library(PlatformId.of(HOST), "probes"))), libraries);
        assertArrayEquals(written(classes, OTHER), Files.readAllBytes(other));
        assertEquals(List.of(), log.warnings);
        assertEquals("usdt4j: " + OTHER.id() + ": written in Java; backend auto: the C compiler " + missing().compiler()
                + " is not installed (apt-get install " + OTHER.crossCompilerPackage() + " " + OTHER.crossLibcPackage()
                + " to compile with it)", log.infos.get(0));
        assertCompiled(libraries.subList(1, 2));
        assertDigests(libraries);
    }

    /** With {@code auto}, a compiler that finds no probe header is as good as missing. */
    @Test
    void aCompilerWithoutAProbeHeaderGivesTheJavaWrittenLibraryWithAuto() throws Exception {
        Path classes = classesWithProvider();
        RecordingLog log = new RecordingLog();
        // A compiler that runs, but finds no header at all: it fails every preprocessing.
        Path noHeaders = work.resolve("no-headers-cc");
        Files.writeString(noHeaders, "#!/bin/sh\necho 'fatal error: no such file' >&2\nexit 1\n");
        noHeaders.toFile().setExecutable(true);
        Toolchain toolchain = Toolchain.of(HOST, HOST_ID, noHeaders.toString(), Map.of());

        builds(LibraryBackend.Choice.AUTO, HOST_ID, List.of(toolchain), log).build(classes, List.of("probes"));

        assertEquals("usdt4j: " + HOST.id() + ": written in Java; backend auto: " + noHeaders
                + " finds neither usdt.h nor <sys/sdt.h> (apt-get install systemtap-sdt-dev to compile with it)", log.infos.get(0));
        assertArrayEquals(written(classes, HOST), Files.readAllBytes(classes.resolve(ResourceLayout.library(PlatformId.of(HOST), "probes"))));
        assertThrows(NativeCompiler.MissingToolException.class,
                () -> builds(LibraryBackend.Choice.CC, HOST_ID, List.of(toolchain), new RecordingLog()).build(classes, List.of("probes")));
    }

    /** {@code java}: every platform written in Java, whatever compilers there are. */
    @Test
    void javaWritesEveryPlatform() throws Exception {
        Path classes = classesWithProvider();
        RecordingLog log = new RecordingLog();
        List<Toolchain> toolchains = List.of(Toolchain.of(HOST, HOST_ID, "cc", Map.of()), missing());

        List<Path> libraries = builds(LibraryBackend.Choice.JAVA, HOST_ID, toolchains, log).build(classes, List.of("probes"));

        assertEquals(List.of("usdt4j: " + HOST.id() + ": written in Java; backend java",
                "usdt4j: provider 'probes' -> " + ResourceLayout.library(PlatformId.of(HOST), "probes"),
                "usdt4j: " + OTHER.id() + ": written in Java; backend java",
                "usdt4j: provider 'probes' -> " + ResourceLayout.library(PlatformId.of(OTHER), "probes")), log.infos);
        assertArrayEquals(written(classes, HOST), Files.readAllBytes(libraries.get(0)));
        assertArrayEquals(written(classes, OTHER), Files.readAllBytes(libraries.get(1)));
        assertDigests(libraries);
    }

    /** Off Linux ({@code -Dos.name="Mac OS X"}): {@code auto} writes both in Java; {@code cc} fails, saying why. */
    @Test
    void offLinuxAutoWritesInJavaAndCcFails() throws Exception {
        Path classes = classesWithProvider();
        PlatformId mac = PlatformId.parse("darwin-aarch64");
        RecordingLog log = new RecordingLog();
        List<Toolchain> toolchains = List.of(Toolchain.of(Platform.LINUX_X86_64, mac, "cc", Map.of()),
                Toolchain.of(Platform.LINUX_AARCH64, mac, "cc", Map.of()));

        List<Path> libraries = builds(LibraryBackend.Choice.AUTO, mac, toolchains, log).build(classes, List.of("probes"));

        assertEquals("usdt4j: linux-x86_64: written in Java; backend auto: this host is darwin-aarch64, and C compilers"
                + " build the libraries on Linux only", log.infos.get(0));
        assertArrayEquals(written(classes, Platform.LINUX_X86_64), Files.readAllBytes(libraries.get(0)));
        assertArrayEquals(written(classes, Platform.LINUX_AARCH64), Files.readAllBytes(libraries.get(1)));
        LibraryBackend.BuildException e = assertThrows(LibraryBackend.BuildException.class,
                () -> builds(LibraryBackend.Choice.CC, mac, toolchains, new RecordingLog()).build(classes, List.of("probes")));
        assertEquals("<backend>cc</backend> (-Dusdt4j.backend=cc) cannot build linux-x86_64: this host is darwin-aarch64, and"
                + " C compilers build the libraries on Linux only; use <backend>auto</backend> or java, which write the library"
                + " in Java", e.getMessage());
    }

    /** The writer's library of the provider whose description is in {@code classes}. */
    private static byte[] written(Path classes, Platform platform) throws Exception {
        return LibraryWriter.write(ProviderLibrary.ofDescription(Files.readAllBytes(classes.resolve(
                ResourceLayout.description("probes")))), platform);
    }

    /** Built by a C compiler: gcc's own note section, which the writer does not write. */
    private static void assertCompiled(List<Path> libraries) throws IOException {
        for (Path library : libraries) {
            String text = new String(Files.readAllBytes(library), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(text.contains("GCC: ("), library + " was not compiled by gcc");
        }
    }

    private static void assertDigests(List<Path> libraries) throws IOException {
        for (Path library : libraries) {
            assertEquals(ResourceLayout.digestFile(Files.readAllBytes(library)),
                    Files.readString(library.resolveSibling(library.getFileName() + ResourceLayout.DIGEST_SUFFIX)));
        }
    }

    private Toolchain missing() {
        return Toolchain.of(OTHER, HOST_ID, "cc", Map.of(OTHER.id(), work.resolve("no-such-gcc").toString()));
    }

    private PlatformBuilds builds(LibraryBackend.Choice choice, PlatformId host, List<Toolchain> toolchains, RecordingLog log) {
        return new PlatformBuilds(choice, host, toolchains, Path.of(System.getProperty("java.home")), null,
                work.resolve("build"), List.of(), NativeCompiler.DEFAULT_TIMEOUT, log);
    }

    /** A class output directory holding one provider's source and description, as the processor writes them. */
    private Path classesWithProvider() throws IOException {
        assumeTrue(HOST != null, "builds libraries of a supported platform with the host's compiler");
        Path classes = work.resolve("classes");
        for (String file : List.of(ResourceLayout.cSource("probes"), ResourceLayout.description("probes"))) {
            Path path = classes.resolve(file);
            Files.createDirectories(path.getParent());
            try (InputStream in = PlatformBuildsTest.class.getResourceAsStream(path.getFileName().toString())) {
                Files.write(path, in.readAllBytes());
            }
        }
        return classes;
    }
}
