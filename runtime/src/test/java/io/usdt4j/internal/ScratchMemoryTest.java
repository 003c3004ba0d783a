// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.Limits;
import io.usdt4j.internal.SemaphoreAccess.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java encoder that writes a traced fire's string arguments into native memory, through a
 * provider's {@link StringScratch}, in each kind of scratch memory this JDK allows (a
 * {@code MemorySegment} from JDK 22, {@code sun.misc.Unsafe} before, and the {@code ByteBuffer}
 * fallback, whose address a provider's library would give), compared byte for byte with Java's own
 * encoding: standard UTF-8 ({@code String.getBytes(UTF_8)}: an unpaired surrogate is {@code ?}), cut
 * to at most {@code maxStringBytes} on a character boundary, then a NUL, and nothing written past
 * it. The bytes are read back from the memory at the very address the native would get.
 */
class ScratchMemoryTest {
    private static final String G_CLEF = "\uD834\uDD1E"; // U+1D11E, 4 bytes in UTF-8
    private static final int DEFAULT_LIMIT = 255;
    private static final int FEATURE = Runtime.version().feature();
    /** Written over the memory before each encoding, to see every byte the encoder wrote. */
    private static final byte UNTOUCHED = (byte) 0xFF;

    static Stream<Kind> kinds() {
        return Stream.of(SemaphoreAccessTest.AUTOMATIC, Kind.BUFFER);
    }

    /**
     * The natives of a provider whose library tells a direct buffer's address, as {@code address$}
     * does ({@code GetDirectBufferAddress}): here through this JDK's own way (segment or unsafe),
     * which the other kind's tests check against the memory.
     */
    static class AddressNatives extends ProviderNatives {
        @Override
        protected void loadLibrary(String path) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected ByteBuffer semaphores(int[] offsets) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected int bindProbes(int nopSize) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected long address(ByteBuffer buffer) {
            return buffer == null || !buffer.isDirect() ? 0 : realAddress(buffer);
        }
    }

    /**
     * Where a direct buffer's memory is, by this JDK's own fast way: its {@code MemorySegment}
     * (through the class compiled for JDK 22, which this test's Java 17 cannot name), or Unsafe.
     */
    static long realAddress(ByteBuffer buffer) {
        if (FEATURE < SemaphoreAccess.SEGMENT_FEATURE) {
            return UnsafeSemaphores.address(buffer);
        }
        try {
            Class<?> segmentScratch = Class.forName("io.usdt4j.internal.SegmentScratch");
            Object memory = segmentScratch.getDeclaredMethod("over", ByteBuffer.class).invoke(null, buffer);
            return (long) segmentScratch.getDeclaredMethod("address").invoke(memory);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static StringScratch scratch(Kind kind, int limit, int slots) throws SemaphoreAccess.Unusable {
        return new StringScratch(limit, slots, SemaphoreAccess.create(kind, FEATURE), new AddressNatives());
    }

    /** What the encoder wrote: null for address 0, else the bytes before the NUL it put at the end. */
    private static byte[] encode(Kind kind, CharSequence value, int limit) throws Exception {
        return encode(kind, limit, List.of(value == null ? NULL : value)).get(0);
    }

    private static final CharSequence NULL = new StringBuilder("null");

    /** Each value in turn in one lease of one buffer (as fires reuse it), each checked for what it wrote. */
    private static List<byte[]> encode(Kind kind, int limit, List<? extends CharSequence> values) throws Exception {
        StringScratch scratch = scratch(kind, limit, 1);
        StringScratch.Lease lease = scratch.acquire();
        try {
            ScratchMemory memory = lease.memory();
            ByteBuffer bytes = memory.buffer();
            assertEquals(limit + 1, bytes.capacity(), "a slot is the limit and the NUL");
            assertEquals(realAddress(bytes), memory.address(), "the address is the buffer's own memory");
            List<byte[]> results = new ArrayList<>();
            for (CharSequence value : values) {
                for (int i = 0; i < bytes.capacity(); i++) {
                    bytes.put(i, UNTOUCHED);
                }
                long address = value == NULL ? lease.string(null, 0)
                        : value instanceof String ? lease.string((String) value, 0) : lease.charSequence(value, 0);
                java.util.function.Supplier<String> what = () -> "limit " + limit + ", " + kind + ", " + describe(value);
                if (value == NULL) {
                    assertEquals(0, address, what);
                    assertTrue(allUntouched(bytes, 0), () -> "wrote into the memory of a null string: " + what.get());
                    results.add(null);
                    continue;
                }
                assertEquals(memory.address(), address, what);
                int end = 0;
                while (end < bytes.capacity() && bytes.get(end) != UNTOUCHED) {
                    end++;
                }
                int terminator = end - 1;
                assertTrue(terminator >= 0 && bytes.get(terminator) == 0, () -> "no NUL before the untouched bytes: " + what.get());
                byte[] written = new byte[terminator];
                bytes.get(0, written);
                results.add(written);
            }
            return results;
        } finally {
            lease.release();
        }
    }

    private static boolean allUntouched(ByteBuffer bytes, int from) {
        for (int i = from; i < bytes.capacity(); i++) {
            if (bytes.get(i) != UNTOUCHED) {
                return false;
            }
        }
        return true;
    }

    /** Every value against {@link #longestPrefixThatFits}, as a String and as another CharSequence. */
    private static void assertEncodesAsJava(Kind kind, int limit, List<String> values) throws Exception {
        List<CharSequence> both = new ArrayList<>(values);
        values.forEach(value -> both.add(new StringBuilder(value)));
        List<byte[]> encoded = encode(kind, limit, both);
        for (int i = 0; i < both.size(); i++) {
            String value = values.get(i % values.size());
            CharSequence passed = both.get(i);
            assertArrayEquals(longestPrefixThatFits(value, limit), encoded.get(i),
                    () -> "limit " + limit + ", " + kind + ", " + passed.getClass().getSimpleName() + " " + describe(value));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void nullIsAddressZeroAndWritesNothing(Kind kind) throws Exception {
        assertEquals(null, encode(kind, null, DEFAULT_LIMIT));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void emptyStringIsJustTheNul(Kind kind) throws Exception {
        assertArrayEquals(new byte[0], encode(kind, "", DEFAULT_LIMIT));
        assertArrayEquals(new byte[0], encode(kind, new StringBuilder(), DEFAULT_LIMIT));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void asciiIsOneBytePerChar(Kind kind) throws Exception {
        assertArrayEquals(new byte[] {'o', 'r', 'd', 'e', 'r', '-', '4', '2'}, encode(kind, "order-42", DEFAULT_LIMIT));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void encodesStandardUtf8NotModifiedUtf8(Kind kind) throws Exception {
        byte[] bytes = encode(kind, "na\u00efve \u2603 " + G_CLEF, DEFAULT_LIMIT);

        assertArrayEquals(bytes("6e 61 c3 af 76 65 20 e2 98 83 20 f0 9d 84 9e"), bytes);
        assertEquals("na\u00efve \u2603 " + G_CLEF, new String(bytes, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void nulIsOneZeroByteNotTheModifiedUtf8Pair(Kind kind) throws Exception {
        assertArrayEquals(bytes("61 00 62"), encode(kind, "a\u0000b", DEFAULT_LIMIT));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void supplementaryCharacterIsFourBytesNotTwoEncodedSurrogates(Kind kind) throws Exception {
        assertArrayEquals(bytes("f0 9d 84 9e"), encode(kind, G_CLEF, DEFAULT_LIMIT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "\u00e9\u20ac" + G_CLEF, "\u00e9\u00e9\u00e9", G_CLEF + G_CLEF, "\uffff\u0800\u07ff\u0080\u007f"})
    void stringExactlyAtTheLimitIsUnchanged(String value) throws Exception {
        byte[] whole = value.getBytes(StandardCharsets.UTF_8);
        for (Kind kind : kinds().toList()) {
            assertArrayEquals(whole, encode(kind, value, whole.length), kind.id());
        }
    }

    /**
     * Puts a 1-, 2-, 3- or 4-byte character after every number of ASCII bytes up to 8, and cuts at
     * every byte of it: the cut must fall before the character unless all of it fits. The tail of
     * x's makes the string longer than the encoder reads.
     */
    @ParameterizedTest
    @ValueSource(strings = {"q", "\u00e9", "\u20ac", G_CLEF})
    void truncationNeverSplitsACharacter(String character) throws Exception {
        int size = character.getBytes(StandardCharsets.UTF_8).length;
        for (Kind kind : kinds().toList()) {
            for (String tail : new String[] {"", "x".repeat(20)}) {
                for (int before = 0; before <= 8; before++) {
                    String head = "a".repeat(before);
                    String value = head + character + tail;
                    for (int inside = 0; inside < size; inside++) {
                        int limit = before + inside;
                        if (limit >= Limits.MIN_STRING_BYTES) {
                            assertArrayEquals(head.getBytes(StandardCharsets.UTF_8), encode(kind, value, limit),
                                    "limit " + limit + " in " + describe(value));
                            assertArrayEquals(head.getBytes(StandardCharsets.UTF_8),
                                    encode(kind, new StringBuilder(value), limit), "limit " + limit + " in " + describe(value));
                        }
                    }
                    int whole = before + size;
                    assertArrayEquals((head + character).getBytes(StandardCharsets.UTF_8), encode(kind, value, whole),
                            "limit " + whole + " in " + describe(value));
                }
            }
        }
    }

    /** Every cut point of a mix of widths, against the longest whole-character prefix that fits. */
    @ParameterizedTest
    @MethodSource("kinds")
    void everyLimitKeepsTheLongestPrefixOfWholeCharacters(Kind kind) throws Exception {
        String value = "a\u00e9\u20ac" + G_CLEF + "\u0000" + G_CLEF + "\uD800z\u00e9" + "\u20ac".repeat(5) + "\uDC00";
        for (int limit = Limits.MIN_STRING_BYTES; limit <= value.getBytes(StandardCharsets.UTF_8).length + 2; limit++) {
            assertEncodesAsJava(kind, limit, List.of(value));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void loneSurrogatesBecomeQuestionMarks(Kind kind) throws Exception {
        assertArrayEquals(bytes("61 3f 62"), encode(kind, "a\uD800b", DEFAULT_LIMIT));
        assertArrayEquals(bytes("61 3f 62"), encode(kind, "a\uDC00b", DEFAULT_LIMIT));
        assertArrayEquals(bytes("61 62 3f"), encode(kind, "ab\uD800", DEFAULT_LIMIT));
        assertArrayEquals(bytes("61 62 3f"), encode(kind, "ab\uDFFF", DEFAULT_LIMIT));
        assertArrayEquals(bytes("3f 61"), encode(kind, "\uDBFFa", DEFAULT_LIMIT));
        assertArrayEquals(bytes("3f 61"), encode(kind, "\uDC00a", DEFAULT_LIMIT));
        assertArrayEquals(bytes("3f"), encode(kind, "\uD800", DEFAULT_LIMIT));
        assertArrayEquals(bytes("3f 3f"), encode(kind, "\uD800\uD800", DEFAULT_LIMIT));
        assertArrayEquals(bytes("3f 3f 61"), encode(kind, "\uDD1E\uD834a", DEFAULT_LIMIT)); // reversed pair: two lone halves
        assertArrayEquals(bytes("3f f0 9d 84 9e"), encode(kind, "\uD834" + G_CLEF, DEFAULT_LIMIT)); // a high one before a pair
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void pairsAtTheCutAreKeptWholeOrLeftOutWhole(Kind kind) throws Exception {
        assertArrayEquals(bytes("61 62 63"), encode(kind, "abc\uD800xyz", 3));
        assertArrayEquals(bytes("61 62 63 3f"), encode(kind, "abc\uD800xyz", 4));
        assertArrayEquals(bytes("61 62 63"), encode(kind, "abc" + G_CLEF, 4)); // the pair, not a '?' of its half
        assertArrayEquals(bytes("61 62 63"), encode(kind, "abc" + G_CLEF, 6));
        assertArrayEquals(bytes("61 62 63 f0 9d 84 9e"), encode(kind, "abc" + G_CLEF, 7));
        assertArrayEquals(bytes("3f"), encode(kind, "\uD800", 1));
        assertArrayEquals(bytes(""), encode(kind, G_CLEF, 1));
        assertArrayEquals(bytes(""), encode(kind, G_CLEF, 3));
        // A pair across the last char the encoder reads (limit + 1 chars): it cannot fit, and is not read as '?'.
        assertArrayEquals("a".repeat(254).getBytes(StandardCharsets.US_ASCII),
                encode(kind, "a".repeat(254) + G_CLEF, DEFAULT_LIMIT));
        assertArrayEquals(("a".repeat(254) + "?").getBytes(StandardCharsets.US_ASCII),
                encode(kind, "a".repeat(254) + "\uD834b", DEFAULT_LIMIT));
        assertArrayEquals(("a".repeat(251) + G_CLEF).getBytes(StandardCharsets.UTF_8),
                encode(kind, "a".repeat(251) + G_CLEF + "tail", DEFAULT_LIMIT));
    }

    /** maxStringBytes 1: one byte, only an ASCII character or '?' fits. */
    @ParameterizedTest
    @MethodSource("kinds")
    void smallestLimitKeepsOneByteCharactersOnly(Kind kind) throws Exception {
        assertEncodesAsJava(kind, Limits.MIN_STRING_BYTES, List.of("", "a", "ab", "\u00e9", "\u20ac", G_CLEF, "\uD800",
                "\uDC00x", "\u0000", "x".repeat(1 << 20)));
    }

    /** 1 MiB chars: cut to the limit, and read only as far as can fit (the limit and one char more). */
    @ParameterizedTest
    @ValueSource(ints = {Limits.MIN_STRING_BYTES, DEFAULT_LIMIT, Limits.MAX_STRING_BYTES})
    void oneMebibyteStringIsCutToTheLimitAndReadOnlyAsFarAsItFits(int limit) throws Exception {
        int mebibyte = 1 << 20;
        List<String> values = List.of("x".repeat(mebibyte), "\u20ac".repeat(mebibyte), G_CLEF.repeat(mebibyte / 2),
                "\u00e9".repeat(mebibyte));
        for (Kind kind : kinds().toList()) {
            for (String value : values) {
                CountingSequence counted = new CountingSequence(value);
                assertArrayEquals(longestPrefixThatFits(value, limit), encode(kind, counted, limit), describe(value));
                assertTrue(counted.reads <= limit + 1, () -> counted.reads + " chars read of " + describe(value));
                assertArrayEquals(longestPrefixThatFits(value, limit), encode(kind, value, limit), describe(value));
            }
            assertEquals("x".repeat(limit), new String(encode(kind, values.get(0), limit), StandardCharsets.US_ASCII));
        }
    }

    /** Each char of a CharSequence is read at most once, a pair's low half included. */
    @ParameterizedTest
    @MethodSource("kinds")
    void aCharSequenceIsReadOnceThroughCharAt(Kind kind) throws Exception {
        CountingSequence counted = new CountingSequence("a" + G_CLEF + "\u00e9\uD800" + G_CLEF);
        assertArrayEquals(bytes("61 f0 9d 84 9e c3 a9 3f f0 9d 84 9e"), encode(kind, counted, DEFAULT_LIMIT));
        assertEquals(counted.length(), counted.reads);
        CharBuffer chars = CharBuffer.wrap("na\u00efve");
        assertArrayEquals("na\u00efve".getBytes(StandardCharsets.UTF_8), encode(kind, chars, DEFAULT_LIMIT));
        assertEquals(0, chars.position(), "read through charAt, not consumed");
    }

    /** A sequence that says it is shorter than it is gives what it says; one that says longer throws its own exception. */
    @ParameterizedTest
    @MethodSource("kinds")
    void aCharSequenceIsWhatItsLengthAndCharAtSay(Kind kind) throws Exception {
        assertArrayEquals(new byte[0], encode(kind, new CountingSequence("abc", -1), DEFAULT_LIMIT));
        assertArrayEquals(new byte[0], encode(kind, new CountingSequence("abc", Integer.MIN_VALUE), DEFAULT_LIMIT));
        assertArrayEquals(bytes("61 62"), encode(kind, new CountingSequence("abc", 2), DEFAULT_LIMIT));
        assertThrows(StringIndexOutOfBoundsException.class,
                () -> encode(kind, new CountingSequence("abc", Integer.MAX_VALUE), DEFAULT_LIMIT));
    }

    /** Random mixes of every kind of char, lone surrogates included, at many limits. */
    @ParameterizedTest
    @MethodSource("kinds")
    void randomStringsEncodeAsJavaDoes(Kind kind) throws Exception {
        Random random = new Random(11);
        String[] pool = {"a", "Z", "\u0000", "\u007f", "\u0080", "\u00e9", "\u07ff", "\u0800", "\u20ac", "\ud7ff", "\ue000",
                "\uffff", G_CLEF, "\uD83D\uDE00", "\uDBFF\uDFFF", "\uD800", "\uDBFF", "\uDC00", "\uDFFF"};
        int checked = 0;
        for (int limit : new int[] {Limits.MIN_STRING_BYTES, 2, 3, 4, 5, 7, 16, DEFAULT_LIMIT, 256, 1000, Limits.MAX_STRING_BYTES}) {
            List<String> values = new ArrayList<>();
            for (int n = 0; n < 400; n++) {
                int length = random.nextInt(n % 10 == 0 ? 6000 : 300);
                StringBuilder value = new StringBuilder();
                while (value.length() < length) {
                    value.append(pool[random.nextInt(pool.length)]);
                }
                values.add(value.toString());
            }
            assertEncodesAsJava(kind, limit, values);
            checked += values.size();
        }
        assertEquals(4400, checked);
    }

    /** Whole strings that fit, random code points of every plane, against {@code getBytes(UTF_8)} itself. */
    @ParameterizedTest
    @MethodSource("kinds")
    void wholeStringsAreWhatGetBytesGives(Kind kind) throws Exception {
        Random random = new Random(12);
        List<String> values = new ArrayList<>();
        for (int n = 0; n < 3000; n++) {
            StringBuilder value = new StringBuilder();
            for (int length = random.nextInt(60); value.length() < length; ) {
                int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x110000) : random.nextInt(0x800);
                value.appendCodePoint(codePoint);
            }
            values.add(value.toString());
        }
        List<byte[]> encoded = encode(kind, Limits.MAX_STRING_BYTES, values);
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), encoded.get(i), () -> describe(value));
        }
    }

    /** Each slot is its own: a string written into one never touches the others, at the largest limit and count. */
    @ParameterizedTest
    @MethodSource("kinds")
    void slotsAreSeparate(Kind kind) throws Exception {
        int limit = Limits.MAX_STRING_BYTES;
        StringScratch scratch = scratch(kind, limit, Limits.MAX_ARGUMENTS);
        StringScratch.Lease lease = scratch.acquire();
        try {
            ByteBuffer bytes = lease.memory().buffer();
            assertEquals(Limits.MAX_ARGUMENTS * (limit + 1), bytes.capacity());
            for (int i = 0; i < bytes.capacity(); i++) {
                bytes.put(i, UNTOUCHED);
            }
            for (int slot = Limits.MAX_ARGUMENTS - 1; slot >= 0; slot--) {
                String value = Character.toString('A' + slot).repeat(5000);
                long address = lease.string(value, slot);
                assertEquals(lease.memory().address() + (long) slot * (limit + 1), address);
            }
            for (int slot = 0; slot < Limits.MAX_ARGUMENTS; slot++) {
                for (int i = 0; i < limit; i++) {
                    assertEquals('A' + slot, bytes.get(slot * (limit + 1) + i), "slot " + slot + " byte " + i);
                }
                assertEquals(0, bytes.get(slot * (limit + 1) + limit), "slot " + slot + "'s NUL");
            }
        } finally {
            lease.release();
        }
    }

    @Test
    void enumsPassTheirName() throws Exception {
        StringScratch scratch = scratch(SemaphoreAccessTest.AUTOMATIC, DEFAULT_LIMIT, 1);
        StringScratch.Lease lease = scratch.acquire();
        try {
            long address = lease.enumName(Thread.State.TIMED_WAITING, 0);
            byte[] written = new byte["TIMED_WAITING".length() + 1];
            lease.memory().buffer().get(0, written);
            assertEquals(lease.memory().address(), address);
            assertArrayEquals("TIMED_WAITING\0".getBytes(StandardCharsets.US_ASCII), written);
            assertEquals(0, lease.enumName(null, 0));
        } finally {
            lease.release();
        }
    }

    /** Writes outside the memory, or of bytes the array does not have, throw, whichever kind: nothing is ever written past it. */
    @ParameterizedTest
    @MethodSource("kinds")
    void everyWriteIsBoundsChecked(Kind kind) throws Exception {
        ScratchMemory memory = SemaphoreAccess.create(kind, FEATURE).scratch(8, new AddressNatives());
        byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        memory.put(0, bytes, 8);
        memory.put(7, bytes, 1);
        memory.put(8, bytes, 0);
        for (int[] write : new int[][] {{8, 1}, {1, 8}, {-1, 1}, {0, -1}, {0, 9}, {Integer.MAX_VALUE, 1}, {Integer.MIN_VALUE, 2},
                {4, Integer.MAX_VALUE}}) {
            assertThrows(IndexOutOfBoundsException.class, () -> memory.put(write[0], bytes, write[1]),
                    "at " + write[0] + ", " + write[1] + " bytes");
        }
        assertThrows(IndexOutOfBoundsException.class, () -> memory.put(0, new byte[2], 3), "more than the array has");
        byte[] read = new byte[8];
        memory.buffer().get(0, read);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 1}, read);
    }

    static Stream<Arguments> kindsAndLimits() {
        return kinds().flatMap(kind -> Stream.of(Limits.MIN_STRING_BYTES, DEFAULT_LIMIT, Limits.MAX_STRING_BYTES)
                .map(limit -> Arguments.of(kind, limit)));
    }

    /** The memory's size follows the limit: one slot is the limit and its NUL. */
    @ParameterizedTest
    @MethodSource("kindsAndLimits")
    void aSlotIsTheLimitAndItsNul(Kind kind, int limit) throws Exception {
        String value = "y".repeat(limit + 10);
        assertArrayEquals("y".repeat(limit).getBytes(StandardCharsets.US_ASCII), encode(kind, value, limit));
    }

    /**
     * ASCII of every length around every small limit and the eight-byte steps of the unsafe kind's
     * copy ({@link UnsafeScratch#putAscii}), as a String, a String cut from a longer one and a
     * StringBuilder: the string, or its first {@code limit} bytes, then the NUL, and nothing after.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void asciiOfEveryLengthIsCutAtTheLimitExactly(Kind kind) throws Exception {
        Random random = new Random(13);
        for (int limit : new int[] {1, 2, 3, 7, 8, 9, 15, 16, 17, 24, DEFAULT_LIMIT, Limits.MAX_STRING_BYTES}) {
            List<String> values = new ArrayList<>();
            for (int length = 0; length <= Math.min(limit, 40) + 10; length++) {
                values.add(randomAscii(random, length));
                values.add((randomAscii(random, 3) + randomAscii(random, length)).substring(3));
            }
            values.add(randomAscii(random, limit - 1));
            values.add(randomAscii(random, limit));
            values.add(randomAscii(random, limit + 1));
            values.add(randomAscii(random, limit + 9));
            assertEncodesAsJava(kind, limit, values);
        }
    }

    /**
     * One char that is not ASCII at every place in ASCII of many lengths, at many limits: Latin-1
     * (held one byte per char, as ASCII is), wider chars whose low byte is ASCII or 0 (which a copy
     * of low bytes would get wrong), pairs and lone surrogates. Whatever an ASCII copy wrote before
     * it found the char, the encoding written after it covers.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void aCharThatIsNotAsciiAnywhereInAsciiEncodesAsJava(Kind kind) throws Exception {
        Random random = new Random(14);
        String[] others = {"\u0080", "\u00e9", "\u00ff", "\u0141", "\u0100", "\u4100", "\uff41", "\u20ac", G_CLEF, "\uD800",
                "\uDC41", "\uD841"};
        for (int limit : new int[] {1, 4, 8, 9, 16, 23, DEFAULT_LIMIT}) {
            List<String> values = new ArrayList<>();
            for (String other : others) {
                for (int length = 0; length <= 26; length++) {
                    String ascii = randomAscii(random, length);
                    for (int at = 0; at <= length; at++) {
                        values.add(ascii.substring(0, at) + other + ascii.substring(at));
                    }
                }
            }
            assertEncodesAsJava(kind, limit, values);
        }
    }

    /** Mostly ASCII, now and then another char, of random lengths and at random limits, as a property. */
    @ParameterizedTest
    @MethodSource("kinds")
    void mostlyAsciiStringsEncodeAsJavaDoes(Kind kind) throws Exception {
        Random random = new Random(15);
        String[] pool = {"\u0000", "\u007f", "\u0080", "\u00e9", "\u00ff", "\u0141", "\u07ff", "\u0800", "\u20ac", "\uffff", G_CLEF,
                "\uD800", "\uDC00", "\uDBFF\uDFFF"};
        for (int round = 0; round < 40; round++) {
            int limit = 1 + random.nextInt(round % 4 == 0 ? Limits.MAX_STRING_BYTES : 64);
            List<String> values = new ArrayList<>();
            for (int n = 0; n < 50; n++) {
                int length = random.nextInt(2 * limit + 16);
                int oneIn = 1 + random.nextInt(200);
                StringBuilder value = new StringBuilder();
                while (value.length() < length) {
                    value.append(random.nextInt(oneIn) == 0 ? pool[random.nextInt(pool.length)] : randomAscii(random, 1));
                }
                values.add(value.toString());
            }
            assertEncodesAsJava(kind, limit, values);
        }
    }

    /**
     * Where this JDK holds a String's chars one byte per char (JDK 17 to 21, the unsafe kind), ASCII
     * is copied from the string itself and anything else is left to the encoder; elsewhere, and in
     * the other kinds, every string is encoded.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void asciiIsCopiedWhereTheStringHoldsOneBytePerChar(Kind kind) throws Exception {
        ScratchMemory memory = SemaphoreAccess.create(kind, FEATURE).scratch(16, new AddressNatives());
        boolean copies = kind == Kind.UNSAFE;
        if (copies) {
            assertTrue(UnsafeScratch.readsStrings(), "JDK " + FEATURE + " holds Latin-1 strings one byte per char");
        }
        for (String ascii : new String[] {"", "a", "order-12345", "x".repeat(15), "y".repeat(40)}) {
            assertEquals(copies, memory.putAscii(0, ascii, 15), describe(ascii));
        }
        for (String other : new String[] {"\u00e9", "abcdefgh\u00e9", "\u0141", "abc\u20ac", G_CLEF}) {
            assertEquals(false, memory.putAscii(0, other, 15), describe(other));
        }
        if (copies) {
            for (int[] write : new int[][] {{-1, 15}, {1, 15}, {16, 1}, {15, 2}, {Integer.MAX_VALUE, 1}, {Integer.MIN_VALUE, 1}}) {
                assertThrows(IndexOutOfBoundsException.class, () -> memory.putAscii(write[0], "z".repeat(write[1]), 255),
                        "at " + write[0] + ", " + write[1] + " chars and the NUL");
            }
        }
    }

    private static String randomAscii(Random random, int length) {
        char[] chars = new char[Math.max(0, length)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) random.nextInt(0x80);
        }
        return new String(chars);
    }

    /** The reference: whole code points, each as String.getBytes encodes it, while they fit. */
    static byte[] longestPrefixThatFits(String value, int limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
            if (out.size() + encoded.length > limit) {
                break;
            }
            out.writeBytes(encoded);
            i += Character.charCount(codePoint);
        }
        return out.toByteArray();
    }

    static String describe(CharSequence value) {
        if (value == null || value == NULL) {
            return "null";
        }
        String text = value instanceof CountingSequence ? ((CountingSequence) value).text : value.toString();
        String head = text.length() > 40 ? text.substring(0, 40) : text;
        StringBuilder hex = new StringBuilder();
        head.chars().forEach(c -> hex.append(String.format("%04x ", c)));
        return text.length() + " chars: " + hex + (text.length() > 40 ? "..." : "");
    }

    private static byte[] bytes(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex);
    }

    /** A CharSequence that counts the chars read of it, and may say it is of another length than it is. */
    static final class CountingSequence implements CharSequence {
        final String text;
        final int length;
        int reads;

        CountingSequence(String text) {
            this(text, text.length());
        }

        CountingSequence(String text, int length) {
            this.text = text;
            this.length = length;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            reads++;
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            throw new AssertionError("subSequence allocates");
        }

        @Override
        public String toString() {
            throw new AssertionError("toString allocates");
        }
    }
}
