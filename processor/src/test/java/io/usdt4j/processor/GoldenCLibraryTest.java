// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.usdt4j.contract.NativeBuild;
import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.processor.GoldenFileTest.Case;
import io.usdt4j.testsupport.ProbeNote;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Builds each golden C source with the real gcc over systemtap's {@code <sys/sdt.h>}, with the
 * plugin's command line ({@link NativeBuild}), and reads the probe notes back with
 * {@code readelf -n}: what a tracer will see. Skips with a printed reason when gcc or readelf is
 * missing, unless {@code USDT4J_REQUIRE_TRACER=1}.
 */
class GoldenCLibraryTest {
    /** The platform the tests run on, as the table describes it; null off the table. */
    private static final Platform HOST = PlatformId.host().platform();

    /**
     * Probe name to argument sizes as the note records them: bytes, negative when signed. The C
     * types behind them: boolean uint8_t (1), byte int8_t (-1), short int16_t (-2), char uint16_t (2),
     * int int32_t (-4), long int64_t (-8), String const char * (8).
     */
    private static final Map<Case, Map<String, List<Integer>>> EXPECTED_PROBES = Map.of(
            Case.SHOP, Map.of(
                    "order_placed", List.of(-8, 8, -4),
                    "refund", List.of(-8, 1)),
            Case.NESTED, Map.of(
                    "every_type", List.of(1, -1, -2, 2, -4, -8, 8),
                    "tick", List.of()),
            Case.INHERITED, Map.of(
                    "hit", List.of(8, -4),
                    "miss", List.of(8),
                    "started", List.of(8, -4),
                    "stopped_cleanly", List.of(1),
                    "closing", List.of(-8)),
            Case.CONVERSIONS, Map.of(
                    "boxed", List.of(1, -1, -2, 2, -4, -8),
                    "texts", List.of(8, 8, 8, 8),
                    "mixed", List.of(-8, -4, 8)),
            Case.JFR, Map.of(
                    "order_placed", List.of(-8, 8, -4),
                    "converted", List.of(-4, 1, 2, 8, 8, 2),
                    "tick", List.of()));

    /** The instructions a probe's sites sit on, as the table spells them (bytes in hex), sorted. */
    static final List<String> SITE_INSTRUCTIONS = HOST == null ? List.of()
            : HOST.sites().stream().map(Platform.ProbeSite::encoding).sorted().toList();

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(Case.class)
    void everyProbeHasANoteWithItsSemaphoreAndArgumentSizes(Case c) throws Exception {
        Path library = build(c);
        List<ProbeNote> notes = ProbeNote.read(library);

        Map<String, List<Integer>> sizesByProbe = new LinkedHashMap<>();
        Map<String, Long> semaphoreByProbe = new LinkedHashMap<>();
        Map<String, Integer> sitesByProbe = new LinkedHashMap<>();
        for (ProbeNote note : notes) {
            assertEquals(c.provider, note.provider(), () -> "provider of " + note);
            assertNotEquals(0L, note.semaphore(), () -> "probe without a semaphore: " + note);
            // A probe's sites share its semaphore and its argument sizes; no two probes share one.
            Long semaphore = semaphoreByProbe.putIfAbsent(note.name(), note.semaphore());
            assertTrue(semaphore == null || semaphore == note.semaphore(), () -> "sites with two semaphores: " + note);
            List<Integer> sizes = sizesByProbe.putIfAbsent(note.name(), note.argumentSizes());
            assertTrue(sizes == null || sizes.equals(note.argumentSizes()), () -> "sites with two argument lists: " + note);
            sitesByProbe.merge(note.name(), 1, Integer::sum);
        }
        assertEquals(EXPECTED_PROBES.get(c), sizesByProbe);
        assertEquals(semaphoreByProbe.size(), new HashSet<>(semaphoreByProbe.values()).size(),
                () -> "probes share a semaphore: " + semaphoreByProbe);
        int sites = SITE_INSTRUCTIONS.size();
        sitesByProbe.forEach((probe, count) -> assertEquals(sites, count, () -> "sites of " + probe));
    }

    /** What a tracer overwrites: each probe has one site on each instruction of SITE_INSTRUCTIONS. */
    @ParameterizedTest
    @EnumSource(Case.class)
    void eachProbeSitsOnceOnEachNop(Case c) throws Exception {
        assumeTrue(HOST != null && HOST.sites().size() > 1, "this platform has one kind of probe site (the table's sites())");
        Path library = build(c);
        Map<String, List<String>> instructionsByProbe = new TreeMap<>();
        for (ProbeNote note : ProbeNote.read(library)) {
            instructionsByProbe.computeIfAbsent(note.name(), name -> new ArrayList<>()).add(instructionAt(library, note.location()));
        }
        Map<String, List<String>> expected = new TreeMap<>();
        EXPECTED_PROBES.get(c).keySet().forEach(probe -> expected.put(probe, SITE_INSTRUCTIONS));
        instructionsByProbe.values().forEach(java.util.Collections::sort);
        assertEquals(expected, instructionsByProbe);
    }

    /** The bytes of the instruction at {@code address}, as objdump decodes it. */
    private static String instructionAt(Path library, long address) throws Exception {
        String dump = run("objdump", "-d", "-w", "--start-address=0x" + Long.toHexString(address),
                "--stop-address=0x" + Long.toHexString(address + 16), library.toString());
        Matcher line = Pattern.compile("^\\s*" + Long.toHexString(address) + ":\\t((?:\\p{XDigit}{2} )+)", Pattern.MULTILINE)
                .matcher(dump);
        assertTrue(line.find(), () -> "no instruction at 0x" + Long.toHexString(address) + ":\n" + dump);
        return line.group(1).replace(" ", "");
    }

    /** -fvisibility=hidden, as the plugin builds: the JVM must still find JNI_OnLoad. */
    @ParameterizedTest
    @EnumSource(Case.class)
    void exportsJniOnLoadAndNoSemaphore(Case c) throws Exception {
        String symbols = run("readelf", "--dyn-syms", "-W", build(c).toString());
        assertTrue(Pattern.compile("GLOBAL\\s+DEFAULT\\s+\\d+\\s+JNI_OnLoad$", Pattern.MULTILINE).matcher(symbols).find(),
                () -> "JNI_OnLoad is not exported:\n" + symbols);
        assertFalse(symbols.contains("_semaphore"),
                () -> "a semaphore is exported, so two libraries of one provider would share it:\n" + symbols);
    }

    private Path build(Case c) throws Exception {
        return build(work, Goldens.file(c.goldenC()), c.provider);
    }

    /**
     * Builds {@code source} into {@code libusdt4j-<provider>.so} in {@code work} with gcc and the
     * plugin's command line, plus -Werror (the generated C must compile cleanly), over usdt4j.h
     * copied into {@code work}.
     */
    static Path build(Path work, Path source, String provider) throws Exception {
        Path library = work.resolve(ResourceLayout.libraryFileName(provider));
        compile(work, source, library, NativeBuild.Output.SHARED_LIBRARY, List.of());
        return library;
    }

    /** Compiles {@code source} into {@code output} as {@link #build} does, with {@code flags} added. */
    static void compile(Path work, Path source, Path output, NativeBuild.Output kind, List<String> flags) throws Exception {
        assumeTrue(HOST != null, () -> Platform.unsupported(PlatformId.host().id()));
        Path include = Files.createDirectories(work.resolve("include"));
        try (InputStream header = GoldenCLibraryTest.class.getResourceAsStream(NativeBuild.HEADER_RESOURCE)) {
            assertNotNull(header, NativeBuild.HEADER_RESOURCE + " is not on the test class path");
            Files.copy(header, include.resolve(NativeBuild.HEADER), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path javaHome = Path.of(System.getProperty("java.home"));
        assertTrue(Files.isRegularFile(NativeBuild.jniInclude(javaHome).resolve("jni.h")),
                () -> "no jni.h in " + NativeBuild.jniInclude(javaHome) + ": run the tests on a JDK");
        List<String> allFlags = new ArrayList<>(List.of("-Werror"));
        allFlags.addAll(flags);
        run(NativeBuild.command("gcc", HOST, kind, javaHome, include, allFlags, output, source).toArray(String[]::new));
    }

    /** Runs a tool to completion; skips without it (fails under USDT4J_REQUIRE_TRACER=1), fails when it exits non-zero. */
    static String run(String... command) throws IOException, InterruptedException {
        TracerRequirement.requireTool(command[0], "gcc binutils systemtap-sdt-dev");
        return Processes.run(command);
    }
}
