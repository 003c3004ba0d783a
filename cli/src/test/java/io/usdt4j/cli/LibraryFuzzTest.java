// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.description.BpftraceRenderer;
import io.usdt4j.description.ProbeDescription;
import io.usdt4j.description.TracedProbe;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes what {@code usdt4j} makes of a mapped library ({@link ProcessScanner#read}: the ELF
 * reader, the notes, the description and the rule that they agree) with files an attacker would
 * write: random bytes, valid libraries cut short, bytes overwritten, every header field, section
 * and note length set to a value that breaks it (negative, huge, out of range, overlapping
 * another section), names that are not UTF-8. Each file is read or refused in a
 * {@link MalformedLibraryException} of one safe line: no other exception, no hang, no large
 * allocation (every read is bounded). Whatever it reads, every probe may reach a bpftrace program.
 *
 * <p>Its tries are jqwik's default, {@code -Dusdt4j.fuzz.tries} (1000 in the build); a long run:
 * {@code ./mvnw -B -pl cli -am verify -Dtest=LibraryFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dusdt4j.fuzz.tries=200000}.
 */
class LibraryFuzzTest {
    private static final ProcessMaps.Mapping MAPPING = new ProcessMaps.Mapping("/tmp/" + TestLibrary.fileName("shop"), false,
            "7f0000000000-7f0000004000", 0x7f0000000000L);
    /** Values that break a field: zero, one, all ones, the sign bit, -12 (a note's name size that looped), huge. */
    private static final List<Long> BREAKING = List.of(0L, 1L, 3L, 7L, 8L, 12L, 63L, 64L, -1L, -12L, -8L, 0x7fffffffL,
            0x80000000L, 0xffffffffL, 0xfffffff4L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32, 1L << 40, 4L << 20, (4L << 20) + 1);

    @Property
    void anyFileIsReadOrRefusedInOneSafeLine(@ForAll("files") byte[] file) {
        readOrRefuseSafely(file);
    }

    @Provide
    Arbitrary<byte[]> files() {
        List<byte[]> seeds = List.of(TestLibrary.shop().bytes(), TestLibrary.shopNotes().bytes(),
                TestLibrary.shop().description("{\"format\": 3, \"provider\": \"shop\"}").bytes());
        Arbitrary<byte[]> seed = Arbitraries.of(seeds);
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> truncated = seed.flatMap(s -> Arbitraries.integers().between(0, s.length).map(n -> Arrays.copyOf(s, n)));
        Arbitrary<byte[]> overwritten = seed.flatMap(s -> Arbitraries.integers().between(0, s.length - 1).list().ofMinSize(1).ofMaxSize(8)
                .flatMap(at -> Arbitraries.bytes().list().ofSize(at.size()).map(values -> {
                    byte[] copy = s.clone();
                    for (int i = 0; i < at.size(); i++) {
                        copy[at.get(i)] = values.get(i);
                    }
                    return copy;
                })));
        Arbitrary<byte[]> fields = seed.flatMap(s -> Arbitraries.integers().between(0, s.length - 1).flatMap(at -> Arbitraries.of(BREAKING)
                .flatMap(value -> Arbitraries.of(1, 2, 4, 8).map(width -> put(s, at, width, value)))));
        Arbitrary<byte[]> headers = seed.flatMap(s -> Arbitraries.of(headerFields(s)).flatMap(field -> Arbitraries.of(BREAKING)
                .map(value -> put(s, field[0], field[1], value))));
        Arbitrary<byte[]> overlapping = seed.flatMap(s -> Arbitraries.integers().between(0, 4).tuple2()
                .map(sections -> overlap(s, sections.get1(), sections.get2())));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, random), net.jqwik.api.Tuple.of(2, truncated), net.jqwik.api.Tuple.of(3, overwritten),
                net.jqwik.api.Tuple.of(2, fields), net.jqwik.api.Tuple.of(4, headers), net.jqwik.api.Tuple.of(1, overlapping));
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
        List<int[]> fields = new java.util.ArrayList<>(List.of(new int[] {0x20, 8}, new int[] {0x28, 8}, new int[] {0x36, 2},
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

    /** One line of printable ASCII, short, that repeats nothing of the file's strings. */
    static void assertSafe(String message) {
        assertTrue(message.chars().allMatch(c -> c >= 0x20 && c < 0x7f), message);
        assertTrue(message.length() < 400, message);
        assertFalse(message.contains("EVIL"), message);
    }
}
