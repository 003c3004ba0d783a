// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import io.usdt4j.contract.Platform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.usdt4j.description.TracerType;
import io.usdt4j.testsupport.ProbeNote;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random providers (names of every length, up to 12 arguments of every type, up to a few hundred
 * probes, descriptions of any bytes, class names beyond ASCII), written for every platform: readelf
 * reads every library without a warning, and its notes parse back to exactly what was asked for,
 * each pointing at its site's instruction, with one semaphore per probe; the description is there
 * byte for byte; writing again gives the same bytes. The seed is printed: a failure replays with
 * {@code -Dusdt4j.seed=N}.
 */
class RandomProvidersTest {
    private static final int PROVIDERS = 40;
    private static final String IDENTIFIER_START = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
    private static final String IDENTIFIER_PART = IDENTIFIER_START + "0123456789";

    @TempDir
    Path temp;

    @Test
    void readelfReadsEveryLibraryAndItsNotesAreTheProvidersExactly() throws Exception {
        TracerRequirement.requireTool("readelf", "binutils");
        long seed = Long.getLong("usdt4j.seed", System.nanoTime());
        System.out.println("RandomProvidersTest seed " + seed + " (-Dusdt4j.seed=" + seed + " replays it)");
        Random random = new Random(seed);
        List<Path> files = new ArrayList<>();
        List<ProviderLibrary> libraries = new ArrayList<>();
        List<Platform> platforms = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < PROVIDERS; i++) {
            ProviderLibrary library = randomLibrary(random);
            for (Platform platform : Platform.values()) {
                byte[] bytes = LibraryWriter.write(library, platform);
                assertArrayEquals(bytes, LibraryWriter.write(library, platform), "written twice, seed " + seed);
                files.add(Files.write(temp.resolve("lib" + i + "-" + platform.id() + ".so"), bytes));
                libraries.add(library);
                platforms.add(platform);
                contents.add(bytes);
            }
        }
        List<String> command = new ArrayList<>(List.of("readelf", "-a", "-W"));
        files.forEach(file -> command.add(file.toString()));
        String output = Processes.run(Duration.ofMinutes(2), command);
        assertFalse(output.contains("Warning") || output.contains("Error"), "readelf warned, seed " + seed + ":\n"
                + output.lines().filter(line -> line.contains("Warning") || line.contains("Error")).limit(20).toList());

        String[] perFile = output.split("\nFile: ");
        assertEquals(files.size() + 1, perFile.length, "readelf printed every file");
        for (int i = 0; i < files.size(); i++) {
            String readelf = perFile[i + 1];
            assertEquals(files.get(i).toString(), readelf.lines().findFirst().orElseThrow());
            assertNotesAreTheProviders(libraries.get(i), platforms.get(i), contents.get(i), readelf,
                    "seed " + seed + ", " + files.get(i).getFileName());
        }
    }

    private static void assertNotesAreTheProviders(ProviderLibrary library, Platform platform, byte[] bytes,
            String readelf, String context) {
        long[] text = ReadElf.section(readelf, ".text");
        long[] base = ReadElf.section(readelf, ".stapsdt.base");
        long[] probes = ReadElf.section(readelf, ".probes");
        long[] description = ReadElf.section(readelf, ".usdt4j");
        assertArrayEquals(library.description(), java.util.Arrays.copyOfRange(bytes, (int) description[1],
                (int) (description[1] + description[2])), "the description, " + context);
        assertEquals(2L * library.probes().size(), probes[2], "one semaphore per probe, " + context);

        List<ProbeNote> notes = ProbeNote.parse(readelf);
        assertEquals(platform.sites().size() * library.probes().size(), notes.size(), "notes, " + context);
        Set<Long> locations = new LinkedHashSet<>();
        int n = 0;
        for (Platform.ProbeSite site : platform.sites()) {
            for (int p = 0; p < library.probes().size(); p++) {
                ProviderLibrary.Probe probe = library.probes().get(p);
                ProbeNote note = notes.get(n++);
                String where = probe.name() + " on " + site.kind() + ", " + context;
                assertEquals(library.provider(), note.provider(), where);
                assertEquals(probe.name(), note.name(), where);
                assertEquals(base[0], note.base(), where);
                assertEquals(probes[0] + 2L * p, note.semaphore(), "the probe's own semaphore, " + where);
                List<String> expected = new ArrayList<>();
                for (int a = 0; a < probe.arguments().size(); a++) {
                    TracerType type = probe.arguments().get(a);
                    expected.add(platform.noteArgument(2 + a, type.bytes(), type.signed()));
                }
                List<String> actual = note.arguments().stream()
                        .map(argument -> argument.notedSize() + "@" + argument.location()).toList();
                assertEquals(expected, actual, where);
                byte[] instruction = site.bytes();
                int at = (int) (note.location() - text[0] + text[1]);
                assertEquals(HexFormat.of().formatHex(instruction), HexFormat.of().formatHex(
                        java.util.Arrays.copyOfRange(bytes, at, at + instruction.length)), "the site's instruction, " + where);
                assertFalse(!locations.add(note.location()), "one site per note, " + where);
            }
        }
    }

    static ProviderLibrary randomLibrary(Random random) {
        int count = random.nextInt(8) == 0 ? 100 + random.nextInt(300) : 1 + random.nextInt(20);
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < count) {
            names.add(identifier(random));
        }
        List<ProviderLibrary.Probe> probes = new ArrayList<>();
        for (String name : names) {
            List<TracerType> arguments = new ArrayList<>();
            for (int a = random.nextInt(13); a > 0; a--) {
                arguments.add(TracerType.values()[random.nextInt(TracerType.values().length)]);
            }
            probes.add(new ProviderLibrary.Probe(name, arguments));
        }
        byte[] description = new byte[random.nextInt(3000)];
        random.nextBytes(description);
        String className = "com/" + identifier(random) + (random.nextBoolean() ? "/\u00e9t\u00e9" : "") + "/"
                + identifier(random) + (random.nextBoolean() ? "$Inner\uD83D\uDE00" : "");
        return new ProviderLibrary(identifier(random), className, probes, description);
    }

    /** A provider or probe name of 1 to 64 characters, reserved ones drawn again. */
    private static String identifier(Random random) {
        String name;
        do {
            name = candidate(random);
        } while (!io.usdt4j.contract.UsdtNames.isValid(name));
        return name;
    }

    private static String candidate(Random random) {
        int length = 1 + (random.nextInt(4) == 0 ? random.nextInt(64) : random.nextInt(12));
        StringBuilder name = new StringBuilder().append(IDENTIFIER_START.charAt(random.nextInt(IDENTIFIER_START.length())));
        while (name.length() < length) {
            name.append(IDENTIFIER_PART.charAt(random.nextInt(IDENTIFIER_PART.length())));
        }
        return name.toString();
    }
}
