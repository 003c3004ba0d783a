// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.testsupport.ProbeNote;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The platform table's facts against the real tools: each platform's compiler, as the plugin
 * runs it (the host's, or the cross compiler the table names), builds a JNI library over
 * usdt4j.h, and its triplet, its ELF header, its probe sites' and return's machine code and its
 * notes' argument specifications must be what the table says; dpkg must know its Debian names.
 * A platform whose tools are missing skips (fails under USDT4J_REQUIRE_TRACER=1: scripts/test.sh
 * installs them from the same table).
 */
class PlatformTableTest {
    private static final PlatformId HOST = PlatformId.host();
    /** The C types of jni_convention.c's probe arguments, as a note records them: bytes, and whether signed. */
    private static final List<Map.Entry<Integer, Boolean>> ARGUMENTS = List.of(
            Map.entry(8, false), Map.entry(8, false),                                   // JNIEnv *, jclass
            Map.entry(1, false), Map.entry(1, true), Map.entry(2, false), Map.entry(2, true), // jboolean, jbyte, jchar, jshort
            Map.entry(4, true), Map.entry(8, true), Map.entry(8, true), Map.entry(4, true), // jint, jlong, jlong, jint
            Map.entry(8, false), Map.entry(8, true));                                   // jobject, jlong

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(Platform.class)
    void itsCompilerTargetsItsGnuTriplet(Platform platform) throws Exception {
        assertEquals(platform.gnuTriplet(), Processes.run(compiler(platform), "-dumpmachine").strip());
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void itsLibrariesHaveItsElfHeader(Platform platform) throws Exception {
        Path library = build(platform);
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(library)).order(platform.elf().byteOrder());
        assertEquals(Platform.Elf.ELFCLASS64, header.get(4), "EI_CLASS");
        assertEquals(platform.elf().data(), header.get(5), "EI_DATA");
        assertEquals(platform.elf().machine(), Short.toUnsignedInt(header.getShort(18)), "e_machine");
        assertEquals(platform.elf().flags(), header.getInt(48), "e_flags");

        String readelf = Processes.run("readelf", "-h", library.toString());
        assertTrue(readelf.matches("(?s).*Class:\\s+ELF64\\n.*"), readelf);
        String endian = platform.elf().byteOrder() == ByteOrder.LITTLE_ENDIAN ? "little" : "big";
        assertTrue(readelf.matches("(?s).*Data:\\s+2's complement, " + endian + " endian\\n.*"), readelf);
        Matcher load = Pattern.compile("(?m)^\\s*LOAD\\s.*\\s(0x\\p{XDigit}+)$").matcher(Processes.run("readelf", "-lW", library.toString()));
        int segments = 0;
        while (load.find()) {
            assertEquals(platform.elf().maxPageSize(), Long.decode(load.group(1)), "the alignment of " + load.group());
            segments++;
        }
        assertTrue(segments > 0, "no LOAD segment in " + library);
    }

    /** The linker relocates pointers that hold addresses in the library (the init array's) with the table's relative relocation. */
    @ParameterizedTest
    @EnumSource(Platform.class)
    void itsLinkerRelocatesPointersWithTheTablesRelativeRelocation(Platform platform) throws Exception {
        Path library = build(platform);
        Matcher relative = Pattern.compile("(?m)^\\p{XDigit}+\\s+(\\p{XDigit}+)\\s+(R_\\w+_RELATIVE)\\s")
                .matcher(Processes.run("readelf", "-rW", library.toString()));
        int relocations = 0;
        while (relative.find()) {
            assertEquals(platform.elf().relativeRelocation(), Long.parseLong(relative.group(1), 16) & 0xffffffffL,
                    relative.group(2) + " in " + relative.group());
            relocations++;
        }
        assertTrue(relocations > 0, "no relative relocation in " + library);
    }

    /** Each kind of site the table lists is there, in the table's bytes, and nothing else is a site; so is the return. */
    @ParameterizedTest
    @EnumSource(Platform.class)
    void itsProbeSitesAndReturnAreTheTablesMachineCode(Platform platform) throws Exception {
        Path library = build(platform);
        Set<String> sites = new TreeSet<>();
        for (ProbeNote note : ProbeNote.read(library)) {
            sites.add(instructionAt(platform, library, note.location()));
        }
        Set<String> expected = new TreeSet<>();
        platform.sites().forEach(site -> expected.add(site.encoding()));
        assertEquals(expected, sites, "the instructions at the probe sites");

        Matcher ret = Pattern.compile("(?m)^\\s*\\p{XDigit}+:\\t([\\p{XDigit} ]+?)\\s*\\t(?:ret\\w*|blr)\\s*$")
                .matcher(Processes.run(platform.objdump(), "-d", library.toString()));
        int returns = 0;
        while (ret.find()) {
            assertEquals(platform.returnInstruction(), memoryOrder(ret.group(1), platform), ret.group());
            returns++;
        }
        assertTrue(returns > 0, "no return instruction in " + library);
    }

    /**
     * Where a JNI native's arguments arrive, as gcc's notes name them at the native's entry (a stack
     * argument that gcc reads through a register it loaded first, as on Power, followed back to its
     * slot: {@link #atEntry}).
     */
    @ParameterizedTest
    @EnumSource(Platform.class)
    void itsNotesNameTheJniArgumentsWhereTheTableSays(Platform platform) throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ARGUMENTS.size(); i++) {
            expected.add(platform.noteArgument(i, ARGUMENTS.get(i).getKey(), ARGUMENTS.get(i).getValue()));
        }
        Path library = build(platform);
        List<ProbeNote> notes = ProbeNote.read(library);
        assertEquals(platform.sites().size(), notes.size(), notes::toString);
        String listing = Processes.run(platform.objdump(), "-d", library.toString());
        for (ProbeNote note : notes) {
            List<String> arguments = note.arguments().stream()
                    .map(a -> a.notedSize() + "@" + atEntry(listing, note.location(), a.location())).toList();
            assertEquals(expected, arguments, note::toString);
        }
    }

    /** Power: {@code addi rX,r1,K} (rX holds the address K(r1)) and a load {@code l* rX,K(r1)} (rX holds the value at K(r1)). */
    private static final Pattern POWER_STACK_ADDRESS = Pattern.compile("\\taddi\\s+r(\\d+),r1,(-?\\d+)\\s*$");
    private static final Pattern POWER_STACK_LOAD = Pattern.compile("\\tl(?:d|wa|wz|ha|hz|bz)\\s+r(\\d+),(-?\\d+)\\(r1\\)\\s*$");

    /**
     * The location a note's {@code operand} at {@code site} stands for at the function's entry. gcc
     * may copy a stack argument into a register before the site, or its address ({@code -8@0(12)}
     * after {@code addi r12,r1,96}): such an operand is followed back, through the instructions from
     * the function's start to the site in {@code listing} ({@code objdump -d}), to the stack slot,
     * written as the table writes one ({@code 96(1)}). Any other operand is returned as it is.
     */
    private static String atEntry(String listing, long site, String operand) {
        List<String> before = new ArrayList<>();
        String at = Long.toHexString(site) + ":";
        for (String line : listing.lines().toList()) {
            if (line.endsWith(">:")) {
                before.clear();
            } else if (line.strip().startsWith(at)) {
                break;
            } else {
                before.add(line);
            }
        }
        Matcher memory = Pattern.compile("(-?\\d+)\\((\\d+)\\)").matcher(operand);
        boolean isMemory = memory.matches();
        if (!isMemory && !operand.matches("\\d+")) {
            return operand;
        }
        String register = isMemory ? memory.group(2) : operand;
        for (int i = before.size() - 1; i >= 0; i--) {
            String line = before.get(i);
            Matcher written = POWER_WRITE.matcher(line);
            if (!written.find() || !written.group(2).equals(register)) {
                continue;
            }
            // The last instruction before the site that wrote the register: what it holds at the site.
            Matcher address = POWER_STACK_ADDRESS.matcher(line);
            Matcher load = POWER_STACK_LOAD.matcher(line);
            if (isMemory && address.find()) {
                return (Integer.parseInt(memory.group(1)) + Integer.parseInt(address.group(2))) + "(1)";
            }
            if (!isMemory && load.find()) {
                return load.group(2) + "(1)";
            }
            return operand;
        }
        return operand;
    }

    /** Power: an instruction that writes its first register operand (not a store, compare, branch or move to a special register). */
    private static final Pattern POWER_WRITE = Pattern.compile("\\t(?!st|cmp|b|mt)(\\w+\\.?)\\s+r(\\d+),");

    /** dpkg's names: the host's architecture, and every other platform's packages that scripts/prerequisites.sh installs. */
    @Test
    void debianNamesAreDpkgs() throws Exception {
        TracerRequirement.requireTool("dpkg", "dpkg (this is not Debian or Ubuntu)");
        Platform host = HOST.platform();
        TracerRequirement.require(host != null, Platform.unsupported(HOST.id()));
        assertEquals(host.debianArch(), Processes.run("dpkg", "--print-architecture").strip());
        for (Platform platform : Platform.values()) {
            if (platform == host) {
                continue;
            }
            for (String pkg : List.of(platform.crossCompilerPackage(), platform.crossLibcPackage(), platform.binutilsPackage(),
                    platform.jdkPackage())) {
                Processes.Result status = Processes.execute(Processes.PATIENCE, List.of("dpkg-query", "-W", "-f", "${Status}", pkg));
                TracerRequirement.require(status.exitCode() == 0 && status.output().contains("install ok installed"),
                        pkg + " is not installed (scripts/prerequisites.sh installs it): " + status.output().strip());
            }
            assertTrue(Files.isExecutable(Path.of(platform.jdkHome(), "bin", "java")), platform.jdkHome());
            assertTrue(io.usdt4j.testsupport.Host.onPath(platform.qemuUser()), platform.qemuUser());
        }
    }

    /** The compiler the plugin runs for {@code platform}, skipping without it. */
    private static String compiler(Platform platform) {
        Toolchain toolchain = Toolchain.of(platform, HOST, "cc", Map.of());
        TracerRequirement.requireTool(toolchain.compiler(), platform.crossCompilerPackage() + " " + platform.crossLibcPackage());
        TracerRequirement.requireTool(platform.objdump(), platform.binutilsPackage());
        return toolchain.compiler();
    }

    /** jni_convention.c built for {@code platform} as the plugin builds a provider. */
    private Path build(Platform platform) throws Exception {
        Toolchain toolchain = Toolchain.of(platform, HOST, compiler(platform), Map.of());
        NativeCompiler compiler = new NativeCompiler(toolchain, Path.of(System.getProperty("java.home")), null, work.resolve("build"),
                List.of("-Werror"), NativeCompiler.DEFAULT_TIMEOUT);
        Path source = work.resolve("jni_convention.c");
        try (InputStream in = PlatformTableTest.class.getResourceAsStream("jni_convention.c")) {
            Files.write(source, in.readAllBytes());
        }
        Path library = work.resolve(platform.id()).resolve("libjni_convention.so");
        assertEquals("", compiler.compile(source, library, compiler.resolveHeader()));
        return library;
    }

    /** The bytes of the instruction at {@code address}, in memory order, in hex. */
    private static String instructionAt(Platform platform, Path library, long address) throws IOException, InterruptedException {
        String listing = Processes.run(platform.objdump(), "-d", "--start-address=0x" + Long.toHexString(address),
                "--stop-address=0x" + Long.toHexString(address + 16), library.toString());
        Matcher line = Pattern.compile("(?m)^\\s*" + Long.toHexString(address) + ":\\t([\\p{XDigit} ]+?)\\s*\\t").matcher(listing);
        assertTrue(line.find(), "no instruction at 0x" + Long.toHexString(address) + ":\n" + listing);
        return memoryOrder(line.group(1), platform);
    }

    /**
     * objdump's bytes of an instruction in memory order: as it prints them on x86 ({@code 0f 1f 44 00 00}),
     * or, where it prints one instruction word ({@code d503201f}), that word's bytes in the platform's order.
     */
    private static String memoryOrder(String objdumpBytes, Platform platform) {
        String[] tokens = objdumpBytes.strip().split(" ");
        if (tokens.length == 1 && tokens[0].length() > 2) {
            byte[] word = HexFormat.of().parseHex(tokens[0]);
            if (platform.elf().byteOrder() == ByteOrder.LITTLE_ENDIAN) {
                for (int i = 0; i < word.length / 2; i++) {
                    byte swap = word[i];
                    word[i] = word[word.length - 1 - i];
                    word[word.length - 1 - i] = swap;
                }
            }
            return HexFormat.of().formatHex(word);
        }
        assertFalse(objdumpBytes.isBlank());
        return String.join("", tokens);
    }
}
