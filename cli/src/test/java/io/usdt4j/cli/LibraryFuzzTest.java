// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.usdt4j.contract.Platform;
import io.usdt4j.description.BpftraceRenderer;
import io.usdt4j.description.MalformedDescriptionException;
import io.usdt4j.description.ProbeDescription;
import io.usdt4j.description.TracedProbe;
import io.usdt4j.testsupport.FuzzCorpus;
import io.usdt4j.testsupport.RandomCases;
import io.usdt4j.testsupport.SeededTest;
import io.usdt4j.writer.LibraryWriter;
import io.usdt4j.writer.ProviderLibrary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Fuzzes what {@code usdt4j} makes of a mapped library ({@link ProcessScanner#read}, which the
 * scanner calls on the bytes of each library a process maps: the ELF reader, the notes, the
 * description and the rule that they agree) with files an attacker would write. Each file is read
 * or refused in a {@link MalformedLibraryException} of one safe line: no other exception, no hang,
 * no large allocation (every read is bounded). Whatever it reads, every probe may reach a bpftrace
 * program.
 *
 * <p>{@link #anyFileIsReadOrRefusedInOneSafeLine} is a Jazzer fuzz test: in the build's tests it
 * runs on its seed corpus ({@code src/test/resources/io/usdt4j/cli/LibraryFuzzTestInputs/}: the
 * libraries the writer writes for each platform, the test libraries, cut short, and every hostile
 * file of {@link LibraryReadingTest}, which {@link #theSeedCorpusIsWhatTheTestsBuild} keeps
 * current), and the surefire execution {@code fuzz} fuzzes it for {@code usdt4j.fuzz.seconds}
 * (docs/security.md). {@link #anyMutatedLibraryIsReadOrRefusedInOneSafeLine} draws the mutations
 * that know the format: every header field, section and note length set to a value that breaks
 * it (negative, huge, out of range, overlapping another section), bytes overwritten, files cut.
 */
class LibraryFuzzTest {
    private static final ProcessMaps.Mapping MAPPING = new ProcessMaps.Mapping("/tmp/" + TestLibrary.fileName("shop"), false,
            "7f0000000000-7f0000004000", 0x7f0000000000L);
    /** Values that break a field: zero, one, all ones, the sign bit, -12 (a note's name size that looped), huge. */
    private static final List<Long> BREAKING = List.of(0L, 1L, 3L, 7L, 8L, 12L, 63L, 64L, -1L, -12L, -8L, 0x7fffffffL,
            0x80000000L, 0xffffffffL, 0xfffffff4L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32, 1L << 40, 4L << 20, (4L << 20) + 1);
    /** The largest seed: tens of kilobytes, so that the fuzzer's inputs stay small and fast. */
    private static final int MAX_SEED_BYTES = 16 << 10;

    /** Each input read within 10 seconds (a hang is a finding), by the fuzzer or by JUnit on another thread. */
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = "10s")
    void anyFileIsReadOrRefusedInOneSafeLine(byte[] file) {
        readOrRefuseSafely(file);
    }

    /** The shop as the writer writes it for {@code platform}, from the processor's description of it. */
    static byte[] written(Platform platform) {
        try {
            return LibraryWriter.write(ProviderLibrary.ofDescription(TestLibrary.SHOP_JSON.getBytes(StandardCharsets.UTF_8)),
                    platform);
        } catch (MalformedDescriptionException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The seeds, each at most {@link #MAX_SEED_BYTES}: the shop as the writer writes it (for
     * x86-64: aarch64's pads its segments to 64 KiB) and as {@link TestLibrary} writes it for each
     * platform, with and without its description; the shop cut after its header, in its notes and
     * in its section table, and the writer's cut in half; each hostile file of
     * {@link LibraryReadingTest}.
     */
    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (Platform platform : Platform.values()) {
            byte[] written = written(platform);
            seeds.put("writer-shop-" + platform.id() + ".so", written);
            seeds.put("writer-shop-" + platform.id() + "-cut-half.so", Arrays.copyOf(written, written.length / 2));
            seeds.put("test-shop-" + platform.id() + ".so", new TestLibrary(platform, "shop").probe("order_placed",
                    "-8@x0 8@x1 -4@x2").probe("refund", "-8@x0 1@x1").description(TestLibrary.SHOP_JSON).bytes());
        }
        seeds.put("test-shop.so", TestLibrary.shop().bytes());
        seeds.put("test-shop-notes.so", TestLibrary.shopNotes().bytes());
        byte[] shop = TestLibrary.shop().bytes();
        TestLibrary.Offsets at = TestLibrary.shop().offsets();
        seeds.put("test-shop-cut-header.so", Arrays.copyOf(shop, 64));
        seeds.put("test-shop-cut-notes.so", Arrays.copyOf(shop, at.notes() + 30));
        seeds.put("test-shop-cut-section-table.so", Arrays.copyOf(shop, at.sectionTable() + 100));
        List<Object[]> refused = LibraryReadingTest.refused().map(Arguments::get).toList();
        for (int i = 0; i < refused.size(); i++) {
            seeds.put(FuzzCorpus.name("refused", i, (String) refused.get(i)[1], "so"), (byte[]) refused.get(i)[0]);
        }
        List<Object[]> disagreeing = LibraryReadingTest.disagreeing().map(Arguments::get).toList();
        for (int i = 0; i < disagreeing.size(); i++) {
            seeds.put(FuzzCorpus.name("disagreeing", i, (String) disagreeing.get(i)[1], "so"),
                    TestLibrary.shopNotes().description((String) disagreeing.get(i)[0]).bytes());
        }
        seeds.values().removeIf(seed -> seed.length > MAX_SEED_BYTES);
        return seeds;
    }

    @Test
    void theSeedCorpusIsWhatTheTestsBuild() throws IOException {
        FuzzCorpus.assertMatches(LibraryFuzzTest.class, "anyFileIsReadOrRefusedInOneSafeLine", seeds());
    }

    /** 1000 files: random bytes, and valid libraries (the writer's of each platform among them) cut, overwritten, and with fields, sections and notes broken. */
    @SeededTest
    void anyMutatedLibraryIsReadOrRefusedInOneSafeLine(long seed) {
        List<byte[]> valid = new ArrayList<>(List.of(TestLibrary.shop().bytes(), TestLibrary.shopNotes().bytes(),
                TestLibrary.shop().description("{\"format\": 3, \"provider\": \"shop\"}").bytes()));
        Arrays.stream(Platform.values()).map(LibraryFuzzTest::written).forEach(valid::add);
        RandomCases.check(seed, RandomCases.perSeed(1000), random -> file(random, valid.get(random.nextInt(valid.size()))),
                LibraryFuzzTest::readOrRefuseSafely);
    }

    /** A file made of {@code valid}: in proportions 1:2:3:2:4:1, random, cut, overwritten, a field broken, a header field broken, sections overlapping. */
    static byte[] file(Random random, byte[] valid) {
        int kind = random.nextInt(13);
        if (kind < 1) {
            byte[] bytes = new byte[random.nextInt(601)];
            random.nextBytes(bytes);
            return bytes;
        } else if (kind < 3) {
            return Arrays.copyOf(valid, random.nextInt(valid.length + 1));
        } else if (kind < 6) {
            byte[] copy = valid.clone();
            for (int n = 1 + random.nextInt(8); n > 0; n--) {
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            }
            return copy;
        } else if (kind < 8) {
            return put(valid, random.nextInt(valid.length), List.of(1, 2, 4, 8).get(random.nextInt(4)), breaking(random));
        } else if (kind < 12) {
            List<int[]> fields = headerFields(valid);
            int[] field = fields.get(random.nextInt(fields.size()));
            return put(valid, field[0], field[1], breaking(random));
        }
        return overlap(valid, random.nextInt(5), random.nextInt(5));
    }

    private static long breaking(Random random) {
        return BREAKING.get(random.nextInt(BREAKING.size()));
    }

    /** {@code value} written at {@code at}, {@code width} bytes of it, little-endian (as far as the file goes). */
    private static byte[] put(byte[] file, int at, int width, long value) {
        byte[] copy = file.clone();
        for (int i = 0; i < width && at + i < copy.length; i++) {
            copy[at + i] = (byte) (value >>> (8 * i));
        }
        return copy;
    }

    /** Each field of the header, the section headers and the first notes that a reader trusts: offset and width. */
    private static List<int[]> headerFields(byte[] file) {
        List<int[]> fields = new ArrayList<>(List.of(new int[] {0x20, 8}, new int[] {0x28, 8}, new int[] {0x36, 2},
                new int[] {0x38, 2}, new int[] {0x3A, 2}, new int[] {0x3C, 2}, new int[] {0x3E, 2}, new int[] {4, 1},
                new int[] {5, 1}, new int[] {0x12, 2}));
        ByteBuffer bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long table = bytes.getLong(0x28);
        int count = Short.toUnsignedInt(bytes.getShort(0x3C));
        for (int i = 0; i < count && table + (i + 1) * 64L <= file.length; i++) {
            int at = (int) table + i * 64;
            fields.addAll(List.of(new int[] {at, 4}, new int[] {at + 4, 4}, new int[] {at + 24, 8}, new int[] {at + 32, 8}));
            if (bytes.getInt(at + 4) == 7) { // the notes: the lengths of the first notes, and their strings
                for (int n = 0, note = (int) bytes.getLong(at + 24); n < 3 && note + 12 <= file.length; n++) {
                    fields.addAll(List.of(new int[] {note, 4}, new int[] {note + 4, 4}, new int[] {note + 8, 4},
                            new int[] {note + 12, 8}, new int[] {note + 20 + 24, 1}, new int[] {note + 20 + 26, 1}));
                    note += 12 + 8 + ((bytes.getInt(note + 4) + 3) & ~3);
                }
            }
        }
        return fields;
    }

    /** Section {@code a} made to lie where section {@code b} does (the header table itself for 0). */
    private static byte[] overlap(byte[] file, int a, int b) {
        ByteBuffer bytes = ByteBuffer.wrap(file.clone()).order(ByteOrder.LITTLE_ENDIAN);
        long table = bytes.getLong(0x28);
        int count = Short.toUnsignedInt(bytes.getShort(0x3C));
        if (a >= count || b >= count) {
            return bytes.array();
        }
        int headerA = (int) table + a * 64;
        int headerB = (int) table + b * 64;
        bytes.putLong(headerA + 24, b == 0 ? table : bytes.getLong(headerB + 24));
        bytes.putLong(headerA + 32, b == 0 ? count * 64L : bytes.getLong(headerB + 32) + 7);
        return bytes.array();
    }

    static void readOrRefuseSafely(byte[] file) {
        try {
            ProcessScanner.Reading reading = ProcessScanner.read(Elf.Source.of(file), MAPPING);
            ProcessScanner.Library library = reading.library();
            for (ProbeDescription probe : library.probes()) {
                BpftraceRenderer.requireRenderable(new TracedProbe(library.provider(), probe, TracedProbe.ANY_LIBRARY));
            }
            if (reading.fromNotesBecause() != null) {
                assertSafe(reading.fromNotesBecause());
            }
        } catch (MalformedLibraryException e) {
            assertSafe(e.getMessage());
        }
    }

    /**
     * One line of printable ASCII, short, that repeats nothing of the file's strings but names that
     * match the grammar ({@code shop:order_plEVIL}, a fuzzer's valid mutation, may be named; the seeds'
     * hostile strings, valid or not around their {@code EVIL}, may not, escaped or not).
     */
    static void assertSafe(String message) {
        assertTrue(message.chars().allMatch(c -> c >= 0x20 && c < 0x7f), message);
        assertTrue(message.length() < 400, message);
        java.util.regex.Matcher quoted = EVIL_WORD.matcher(message);
        while (quoted.find()) {
            assertTrue(io.usdt4j.contract.UsdtNames.isValid(quoted.group(2)) && NAME_BOUNDARIES.contains(quoted.group(1))
                    && NAME_BOUNDARIES.contains(quoted.group(3)), message);
        }
    }

    /** A word with EVIL in it, with the character before and after it (empty at either end). */
    private static final java.util.regex.Pattern EVIL_WORD =
            java.util.regex.Pattern.compile("(^|.)([A-Za-z0-9_]*EVIL[A-Za-z0-9_]*)(.|$)");
    /** What stands around a name the CLI names: {@code provider:probe}, then a space. */
    private static final List<String> NAME_BOUNDARIES = List.of("", " ", ":");
}
