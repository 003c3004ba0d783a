// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
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

/** The platform list, each platform's compiler, and what happens when one is missing, with the real compilers. */
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

    @Test
    void theHostAloneByDefault() {
        assertEquals(List.of(HOST), PlatformBuilds.targets(List.of(), HOST_ID));
        assertEquals(List.of(HOST), PlatformBuilds.targets(null, HOST_ID));
    }

    @Test
    void platformsComeInOrderOnceEachFromElementsOrACommaList() {
        List<Platform> both = List.of(Platform.LINUX_X86_64, Platform.LINUX_AARCH64);
        assertEquals(both, PlatformBuilds.targets(List.of("linux-x86_64", "linux-aarch64"), HOST_ID));
        assertEquals(both, PlatformBuilds.targets(List.of("linux-x86_64, linux-aarch64,"), HOST_ID));
        assertEquals(both, PlatformBuilds.targets(List.of("linux-x86_64", "linux-aarch64", "linux-x86_64"), HOST_ID));
        assertEquals(List.of(Platform.values()), PlatformBuilds.targets(List.of("all"), HOST_ID), "every platform of the table");
        assertEquals(Platform.LINUX_AARCH64, PlatformBuilds.targets(List.of("linux-aarch64,all"), HOST_ID).get(0));
    }

    @Test
    void aPlatformOtherThanLinuxOrMisspeltIsRefused() {
        IllegalArgumentException darwin = assertThrows(IllegalArgumentException.class,
                () -> PlatformBuilds.targets(List.of("darwin-aarch64"), HOST_ID));
        assertTrue(darwin.getMessage().contains("darwin-aarch64 is not Linux"), darwin.getMessage());
        IllegalArgumentException misspelt = assertThrows(IllegalArgumentException.class,
                () -> PlatformBuilds.targets(List.of("aarch64"), HOST_ID));
        assertTrue(misspelt.getMessage().contains("like linux-x86_64 or linux-aarch64, not 'aarch64'"), misspelt.getMessage());
    }

    /** A Linux platform off the table fails the build before anything is compiled, naming those it could build. */
    @Test
    void aPlatformOffTheTableIsRefusedBeforeAnythingIsBuilt() {
        for (String id : List.of("linux-riscv64", "linux-s390x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PlatformBuilds.targets(List.of("linux-x86_64," + id), HOST_ID));
            assertEquals("usdt4j supports " + Platform.describeAll() + ", not " + id, e.getMessage());
        }
        IllegalArgumentException host = assertThrows(IllegalArgumentException.class,
                () -> PlatformBuilds.targets(List.of(), PlatformId.parse("linux-riscv64")));
        assertEquals("usdt4j supports " + Platform.describeAll() + ", not linux-riscv64", host.getMessage());
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
    void bothPlatformsAreBuilt() throws Exception {
        Toolchain cross = Toolchain.of(OTHER, HOST_ID, "cc", Map.of());
        io.usdt4j.testsupport.TracerRequirement.requireTool(cross.compiler(), OTHER.crossCompilerPackage());
        Path classes = classesWithProvider();
        RecordingLog log = new RecordingLog();

        List<Path> libraries = builds(List.of(Toolchain.of(HOST, HOST_ID, "cc", Map.of()), cross), false, log)
                .build(classes, List.of("probes"));

        assertEquals(List.of(classes.resolve(ResourceLayout.library(PlatformId.of(HOST), "probes")),
                classes.resolve(ResourceLayout.library(PlatformId.of(OTHER), "probes"))), libraries);
        assertTrue(libraries.stream().allMatch(Files::isRegularFile), libraries.toString());
        assertEquals(List.of(), log.warnings);
        for (Toolchain toolchain : List.of(Toolchain.of(HOST, HOST_ID, "cc", Map.of()), cross)) { // which backend, and why
            String chosen = "usdt4j: " + toolchain.platform().id() + ": " + toolchain.compiler() + ", probe header ";
            assertTrue(log.infos.stream().anyMatch(line -> line.startsWith(chosen)), chosen + " in " + log.infos);
        }
    }

    @Test
    void aMissingCompilerFailsTheBuild() throws Exception {
        Path classes = classesWithProvider();

        NativeCompiler.MissingCompilerException e = assertThrows(NativeCompiler.MissingCompilerException.class,
                () -> builds(List.of(Toolchain.of(HOST, HOST_ID, "cc", Map.of()), missing()), false, new RecordingLog())
                        .build(classes, List.of("probes")));

        assertTrue(e.getMessage().contains("apt-get install " + OTHER.crossCompilerPackage()), e.getMessage());
        assertFalse(Files.exists(classes.resolve(ResourceLayout.library(PlatformId.of(OTHER), "probes"))));
    }

    @Test
    void skipMissingCompilersWarnsAndBuildsTheOthers() throws Exception {
        Path classes = classesWithProvider();
        RecordingLog log = new RecordingLog();

        List<Path> libraries = builds(List.of(missing(), Toolchain.of(HOST, HOST_ID, "cc", Map.of())), true, log)
                .build(classes, List.of("probes"));

        assertEquals(List.of(classes.resolve(ResourceLayout.library(PlatformId.of(HOST), "probes"))), libraries);
        assertFalse(Files.exists(classes.resolve(ResourceLayout.library(PlatformId.of(OTHER), "probes"))));
        assertEquals(1, log.warnings.size(), log.warnings.toString());
        String warning = log.warnings.get(0);
        assertTrue(warning.startsWith("usdt4j: skipped " + OTHER.id() + " (usdt4j.skipMissingCompilers): Cannot run the C compiler"),
                warning);
        assertTrue(warning.endsWith("The jar carries no " + OTHER.id() + " library; its probes will be no-ops there."), warning);
    }

    private Toolchain missing() {
        return Toolchain.of(OTHER, HOST_ID, "cc", Map.of(OTHER.id(), work.resolve("no-such-gcc").toString()));
    }

    private PlatformBuilds builds(List<Toolchain> toolchains, boolean skipMissing, RecordingLog log) {
        return new PlatformBuilds(toolchains, skipMissing, Path.of(System.getProperty("java.home")), null,
                work.resolve("build"), List.of(), NativeCompiler.DEFAULT_TIMEOUT, log);
    }

    /** A class output directory holding one provider source, as the processor writes it. */
    private Path classesWithProvider() throws IOException {
        assumeTrue(HOST != null, "builds libraries of a supported platform with the host's compiler");
        Path classes = work.resolve("classes");
        Path source = classes.resolve(ResourceLayout.SOURCE_DIRECTORY).resolve("probes.c");
        Files.createDirectories(source.getParent());
        try (InputStream in = PlatformBuildsTest.class.getResourceAsStream("probes.c")) {
            Files.write(source, in.readAllBytes());
        }
        return classes;
    }
}
