// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    private static final PlatformId HOST = PlatformId.host();
    private static final PlatformId OTHER = HOST.equals(PlatformId.LINUX_AARCH64) ? PlatformId.LINUX_X86_64 : PlatformId.LINUX_AARCH64;

    @TempDir
    Path work;

    /** Keeps the warnings, as Maven would print them. */
    static final class RecordingLog extends SystemStreamLog {
        final List<String> warnings = new ArrayList<>();

        @Override
        public void warn(CharSequence content) {
            warnings.add(content.toString());
            super.warn(content);
        }
    }

    @Test
    void theHostAloneByDefault() {
        assertEquals(List.of(HOST), PlatformBuilds.targets(List.of(), HOST));
        assertEquals(List.of(HOST), PlatformBuilds.targets(null, HOST));
    }

    @Test
    void platformsComeInOrderOnceEachFromElementsOrACommaList() {
        List<PlatformId> both = List.of(PlatformId.LINUX_X86_64, PlatformId.LINUX_AARCH64);
        assertEquals(both, PlatformBuilds.targets(List.of("linux-x86_64", "linux-aarch64"), HOST));
        assertEquals(both, PlatformBuilds.targets(List.of("linux-x86_64, linux-aarch64,"), HOST));
        assertEquals(both, PlatformBuilds.targets(List.of("linux-x86_64", "linux-aarch64", "linux-x86_64"), HOST));
    }

    @Test
    void aPlatformOtherThanLinuxOrMisspeltIsRefused() {
        IllegalArgumentException darwin = assertThrows(IllegalArgumentException.class,
                () -> PlatformBuilds.targets(List.of("darwin-aarch64"), HOST));
        assertTrue(darwin.getMessage().contains("darwin-aarch64 is not Linux"), darwin.getMessage());
        IllegalArgumentException misspelt = assertThrows(IllegalArgumentException.class,
                () -> PlatformBuilds.targets(List.of("aarch64"), HOST));
        assertTrue(misspelt.getMessage().contains("like linux-x86_64 or linux-aarch64, not 'aarch64'"), misspelt.getMessage());
    }

    @Test
    void eachPlatformHasItsCompiler() {
        assertEquals(new Toolchain(PlatformId.LINUX_X86_64, "cc", false),
                Toolchain.of(PlatformId.LINUX_X86_64, PlatformId.LINUX_X86_64, "cc", Map.of()));
        assertEquals(new Toolchain(PlatformId.LINUX_AARCH64, "aarch64-linux-gnu-gcc", true),
                Toolchain.of(PlatformId.LINUX_AARCH64, PlatformId.LINUX_X86_64, "cc", Map.of()));
        assertEquals(new Toolchain(PlatformId.LINUX_X86_64, "x86_64-linux-gnu-gcc", true),
                Toolchain.of(PlatformId.LINUX_X86_64, PlatformId.LINUX_AARCH64, "cc", Map.of()));
        assertEquals(new Toolchain(PlatformId.LINUX_AARCH64, "/opt/cross/bin/gcc", true),
                Toolchain.of(PlatformId.LINUX_AARCH64, PlatformId.LINUX_X86_64, "cc", Map.of("linux-aarch64", "/opt/cross/bin/gcc")));
        assertEquals(new Toolchain(PlatformId.LINUX_X86_64, "clang", false),
                Toolchain.of(PlatformId.LINUX_X86_64, PlatformId.LINUX_X86_64, "cc", Map.of("linux-x86_64", "clang")));
    }

    @Test
    void bothPlatformsAreBuilt() throws Exception {
        Toolchain cross = Toolchain.of(OTHER, HOST, "cc", Map.of());
        io.usdt4j.testsupport.TracerRequirement.requireTool(cross.compiler(), "gcc-" + Toolchain.gnuTriplet(OTHER).replace('_', '-'));
        Path classes = classesWithProvider();
        RecordingLog log = new RecordingLog();

        List<Path> libraries = builds(List.of(Toolchain.of(HOST, HOST, "cc", Map.of()), cross), false, log)
                .build(classes, List.of("probes"));

        assertEquals(List.of(classes.resolve(ResourceLayout.library(HOST, "probes")),
                classes.resolve(ResourceLayout.library(OTHER, "probes"))), libraries);
        assertTrue(libraries.stream().allMatch(Files::isRegularFile), libraries.toString());
        assertEquals(List.of(), log.warnings);
    }

    @Test
    void aMissingCompilerFailsTheBuild() throws Exception {
        Path classes = classesWithProvider();

        NativeCompiler.MissingCompilerException e = assertThrows(NativeCompiler.MissingCompilerException.class,
                () -> builds(List.of(Toolchain.of(HOST, HOST, "cc", Map.of()), missing()), false, new RecordingLog())
                        .build(classes, List.of("probes")));

        assertTrue(e.getMessage().contains("apt-get install gcc-" + Toolchain.gnuTriplet(OTHER).replace('_', '-')), e.getMessage());
        assertFalse(Files.exists(classes.resolve(ResourceLayout.library(OTHER, "probes"))));
    }

    @Test
    void skipMissingCompilersWarnsAndBuildsTheOthers() throws Exception {
        Path classes = classesWithProvider();
        RecordingLog log = new RecordingLog();

        List<Path> libraries = builds(List.of(missing(), Toolchain.of(HOST, HOST, "cc", Map.of())), true, log)
                .build(classes, List.of("probes"));

        assertEquals(List.of(classes.resolve(ResourceLayout.library(HOST, "probes"))), libraries);
        assertFalse(Files.exists(classes.resolve(ResourceLayout.library(OTHER, "probes"))));
        assertEquals(1, log.warnings.size(), log.warnings.toString());
        String warning = log.warnings.get(0);
        assertTrue(warning.startsWith("usdt4j: skipped " + OTHER.id() + " (usdt4j.skipMissingCompilers): Cannot run the C compiler"),
                warning);
        assertTrue(warning.endsWith("The jar carries no " + OTHER.id() + " library; its probes will be no-ops there."), warning);
    }

    private Toolchain missing() {
        return Toolchain.of(OTHER, HOST, "cc", Map.of(OTHER.id(), work.resolve("no-such-gcc").toString()));
    }

    private PlatformBuilds builds(List<Toolchain> toolchains, boolean skipMissing, RecordingLog log) {
        return new PlatformBuilds(toolchains, skipMissing, Path.of(System.getProperty("java.home")), null,
                work.resolve("build"), List.of(), NativeCompiler.DEFAULT_TIMEOUT, log);
    }

    /** A class output directory holding one provider source, as the processor writes it. */
    private Path classesWithProvider() throws IOException {
        assumeTrue(HOST.isLinux(), "builds Linux libraries with the host's compiler");
        Path classes = work.resolve("classes");
        Path source = classes.resolve(ResourceLayout.SOURCE_DIRECTORY).resolve("probes.c");
        Files.createDirectories(source.getParent());
        try (InputStream in = PlatformBuildsTest.class.getResourceAsStream("probes.c")) {
            Files.write(source, in.readAllBytes());
        }
        return classes;
    }
}
