// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.Limits;
import io.usdt4j.processor.GoldenFileTest.Case;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The C that encodes a traced String argument ({@code usdt4j_utf8} in the template, here from the
 * golden {@code shop.c}), compiled by the real gcc with AddressSanitizer into a harness that calls
 * it through a JNIEnv whose only functions are {@code GetStringLength} and {@code GetStringRegion}
 * over a Java string's chars (aborting on a read out of bounds), and compared with Java's own
 * encoding: standard UTF-8 ({@code String.getBytes(UTF_8)}: an unpaired surrogate is {@code ?}),
 * cut to at most {@code capacity - 1} bytes on a character boundary, then a NUL; nothing written
 * past it. Skips with a printed reason without gcc, unless {@code USDT4J_REQUIRE_TRACER=1}.
 */
class StringEncoderTest {
    private static final String G_CLEF = "\uD834\uDD1E"; // U+1D11E, 4 bytes in UTF-8
    /** The C side's chunk (USDT4J_UTF16_CHUNK): a surrogate pair may straddle it. */
    private static final int CHUNK = 256;
    /** maxStringBytes 255 (the default) plus the NUL. */
    private static final int DEFAULT_CAPACITY = 256;
    /** maxStringBytes' bounds, 1 and 4095, plus the NUL. */
    private static final int MIN_CAPACITY = Limits.MIN_STRING_BYTES + 1;
    private static final int MAX_CAPACITY = Limits.MAX_STRING_BYTES + 1;

    private static final String HARNESS = """
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>

            /* A Java string as the fake JNIEnv sees it, and how the encoder read it. */
            struct fake_string {
                jsize length;
                jchar *chars;
                long chars_read;
            };

            static jsize JNICALL fake_length(JNIEnv *env, jstring string) {
                (void) env;
                return ((struct fake_string *) string)->length;
            }

            static void JNICALL fake_region(JNIEnv *env, jstring string, jsize start, jsize count, jchar *out) {
                (void) env;
                struct fake_string *s = (struct fake_string *) string;
                if (start < 0 || count < 0 || start > s->length - count) {
                    fprintf(stderr, "GetStringRegion(%d, %d) of a string of %d chars\\n", start, count, s->length);
                    abort(); /* the JVM would throw StringIndexOutOfBoundsException */
                }
                memcpy(out, s->chars + start, (size_t) count * sizeof(jchar));
                s->chars_read += count;
            }

            static int32_t read_int(FILE *in) {
                unsigned char b[4];
                if (fread(b, 1, 4, in) != 4) return INT32_MIN;
                return (int32_t) ((uint32_t) b[0] << 24 | (uint32_t) b[1] << 16 | (uint32_t) b[2] << 8 | b[3]);
            }

            static void write_int(FILE *out, int32_t value) {
                unsigned char b[4] = {(unsigned char) (value >> 24), (unsigned char) (value >> 16),
                                      (unsigned char) (value >> 8), (unsigned char) value};
                fwrite(b, 1, 4, out);
            }

            /* Per case in: capacity, length (-1: null), the chars big-endian. Out: 1 if the encoder
             * returned the buffer (0 if NULL), the chars it read, then the whole buffer. */
            int main(int argc, char **argv) {
                if (argc != 3) return 2;
                FILE *in = fopen(argv[1], "rb");
                FILE *out = fopen(argv[2], "wb");
                if (in == NULL || out == NULL) return 2;
                struct JNINativeInterface_ functions;
                memset(&functions, 0, sizeof functions);
                functions.GetStringLength = fake_length;
                functions.GetStringRegion = fake_region;
                JNIEnv env = &functions;
                int32_t capacity;
                while ((capacity = read_int(in)) != INT32_MIN) {
                    int32_t length = read_int(in);
                    struct fake_string s = {length < 0 ? 0 : length, NULL, 0};
                    s.chars = malloc((size_t) s.length * sizeof(jchar) + 1);
                    for (jsize i = 0; i < s.length; i++) {
                        int high = fgetc(in);
                        int low = fgetc(in);
                        s.chars[i] = (jchar) (high << 8 | low);
                    }
                    /* Exactly capacity bytes, so that AddressSanitizer catches a write past it. */
                    char *buffer = malloc((size_t) capacity);
                    memset(buffer, 0xFF, (size_t) capacity);
                    const char *result = usdt4j_utf8(&env, length < 0 ? NULL : (jstring) &s, buffer, capacity);
                    if (result != NULL && result != buffer) return 3;
                    write_int(out, result != NULL);
                    write_int(out, (int32_t) s.chars_read);
                    fwrite(buffer, 1, (size_t) capacity, out);
                    free(buffer);
                    free(s.chars);
                }
                return fclose(out) == 0 ? 0 : 1;
            }
            """;

    @TempDir
    static Path work;

    private static Path harness;

    /** One harness for all tests: the golden shop.c, then the code above, with the plugin's warnings as errors. */
    @BeforeAll
    static void buildHarness() throws Exception {
        Path source = work.resolve("harness.c");
        Files.writeString(source, "#include \"" + Goldens.file(Case.SHOP.goldenC()).toAbsolutePath() + "\"\n" + HARNESS);
        harness = work.resolve("harness");
        GoldenCLibraryTest.compile(work, source, harness, io.usdt4j.contract.NativeBuild.Output.EXECUTABLE,
                List.of("-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all"));
    }

    /** What the C encoder made of one value: null when it returned pointer 0. */
    private record Encoded(byte[] bytes, int charsRead) {}

    private static List<Encoded> encode(int capacity, List<String> values) throws Exception {
        Path input = Files.createTempFile(work, "in", ".bin");
        Path output = Files.createTempFile(work, "out", ".bin");
        try (DataOutputStream in = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(input)))) {
            for (String value : values) {
                in.writeInt(capacity);
                in.writeInt(value == null ? -1 : value.length());
                if (value != null) {
                    in.writeChars(value);
                }
            }
        }
        io.usdt4j.testsupport.Processes.run(harness.toString(), input.toString(), output.toString());
        List<Encoded> results = new ArrayList<>();
        try (DataInputStream out = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(output)))) {
            for (String value : values) {
                boolean returned = out.readInt() == 1;
                int charsRead = out.readInt();
                byte[] buffer = out.readNBytes(capacity);
                String what = "capacity " + capacity + ", " + describe(value);
                assertTrue(charsRead <= capacity, () -> "read " + charsRead + " chars for " + what);
                if (!returned) {
                    results.add(new Encoded(null, charsRead));
                    assertTrue(allUntouched(buffer, 0), () -> "wrote into the buffer of a null string");
                    continue;
                }
                int end = 0;
                while (end < capacity && buffer[end] != (byte) 0xFF) {
                    end++;
                }
                int terminator = end - 1;
                assertTrue(terminator >= 0 && buffer[terminator] == 0, () -> "no NUL before the untouched bytes for " + what);
                int written = end;
                assertTrue(allUntouched(buffer, written), () -> "wrote past the NUL for " + what);
                results.add(new Encoded(Arrays.copyOf(buffer, terminator), charsRead));
            }
        }
        return results;
    }

    private static boolean allUntouched(byte[] buffer, int from) {
        for (int i = from; i < buffer.length; i++) {
            if (buffer[i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static byte[] encode(String value, int maxBytes) throws Exception {
        return encode(maxBytes + 1, List.of(value)).get(0).bytes();
    }

    /** Every value against {@link #longestPrefixThatFits}, in one run of the harness. */
    private static void assertEncodesAsJava(int capacity, List<String> values) throws Exception {
        List<Encoded> encoded = encode(capacity, values);
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            assertArrayEquals(longestPrefixThatFits(value, capacity - 1), encoded.get(i).bytes(),
                    "capacity " + capacity + ", " + describe(value));
        }
    }

    @Test
    void nullIsPointerZeroAndReadsNothing() throws Exception {
        Encoded encoded = encode(DEFAULT_CAPACITY, Arrays.asList((String) null)).get(0);
        assertEquals(null, encoded.bytes());
        assertEquals(0, encoded.charsRead());
    }

    @Test
    void emptyStringIsJustTheNul() throws Exception {
        assertArrayEquals(new byte[0], encode("", 255));
    }

    @Test
    void asciiIsOneBytePerChar() throws Exception {
        assertArrayEquals(new byte[] {'o', 'r', 'd', 'e', 'r', '-', '4', '2'}, encode("order-42", 255));
    }

    @Test
    void encodesStandardUtf8NotModifiedUtf8() throws Exception {
        byte[] bytes = encode("na\u00efve \u2603 " + G_CLEF, 255);

        assertArrayEquals(bytes("6e 61 c3 af 76 65 20 e2 98 83 20 f0 9d 84 9e"), bytes);
        assertEquals("na\u00efve \u2603 " + G_CLEF, new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void nulIsOneZeroByteNotTheModifiedUtf8Pair() throws Exception {
        assertArrayEquals(bytes("61 00 62"), encode("a\u0000b", 255));
    }

    @Test
    void supplementaryCharacterIsFourBytesNotTwoEncodedSurrogates() throws Exception {
        assertArrayEquals(bytes("f0 9d 84 9e"), encode(G_CLEF, 255));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "\u00e9\u20ac" + G_CLEF, "\u00e9\u00e9\u00e9", G_CLEF + G_CLEF, "\uffff\u0800\u07ff\u0080\u007f"})
    void stringExactlyAtTheLimitIsUnchanged(String value) throws Exception {
        byte[] whole = value.getBytes(StandardCharsets.UTF_8);

        assertArrayEquals(whole, encode(value, whole.length));
    }

    /**
     * Puts a 1-, 2-, 3- or 4-byte character after every number of ASCII bytes up to 8, and cuts at
     * every byte of it: the cut must fall before the character unless all of it fits. The tail
     * of x's makes the string longer than the encoder reads.
     */
    @ParameterizedTest
    @ValueSource(strings = {"q", "\u00e9", "\u20ac", G_CLEF})
    void truncationNeverSplitsACharacter(String character) throws Exception {
        int size = character.getBytes(StandardCharsets.UTF_8).length;
        for (String tail : new String[] {"", "x".repeat(20)}) {
            for (int before = 0; before <= 8; before++) {
                String head = "a".repeat(before);
                String value = head + character + tail;
                for (int inside = 0; inside < size; inside++) {
                    int limit = before + inside;
                    if (limit >= Limits.MIN_STRING_BYTES) {
                        assertArrayEquals(head.getBytes(StandardCharsets.UTF_8), encode(value, limit),
                                "limit " + limit + " in " + describe(value));
                    }
                }
                int whole = before + size;
                assertArrayEquals((head + character).getBytes(StandardCharsets.UTF_8), encode(value, whole),
                        "limit " + whole + " in " + describe(value));
            }
        }
    }

    /** Every limit over a mix of widths, against the longest whole-character prefix that fits. */
    @Test
    void everyLimitKeepsTheLongestPrefixOfWholeCharacters() throws Exception {
        String value = "a\u00e9\u20ac" + G_CLEF + "\u0000" + G_CLEF + "\uD800z\u00e9" + "\u20ac".repeat(5) + "\uDC00";
        for (int capacity = MIN_CAPACITY; capacity <= 42; capacity++) {
            assertEncodesAsJava(capacity, List.of(value));
        }
    }

    @Test
    void loneSurrogatesBecomeQuestionMarks() throws Exception {
        assertArrayEquals(bytes("61 3f 62"), encode("a\uD800b", 255));
        assertArrayEquals(bytes("61 3f 62"), encode("a\uDC00b", 255));
        assertArrayEquals(bytes("61 62 3f"), encode("ab\uD800", 255));
        assertArrayEquals(bytes("61 62 3f"), encode("ab\uDFFF", 255));
        assertArrayEquals(bytes("3f 61"), encode("\uDBFFa", 255));
        assertArrayEquals(bytes("3f 61"), encode("\uDC00a", 255));
        assertArrayEquals(bytes("3f"), encode("\uD800", 255));
        assertArrayEquals(bytes("3f 3f"), encode("\uD800\uD800", 255));
        assertArrayEquals(bytes("3f 3f 61"), encode("\uDD1E\uD834a", 255)); // reversed pair: two lone halves
        assertArrayEquals(bytes("3f f0 9d 84 9e"), encode("\uD834" + G_CLEF, 255)); // a high one before a pair
    }

    @Test
    void loneHighSurrogateAtTheCutIsKeptWhenItFits() throws Exception {
        assertArrayEquals(bytes("61 62 63"), encode("abc\uD800xyz", 3));
        assertArrayEquals(bytes("61 62 63 3f"), encode("abc\uD800xyz", 4));
        assertArrayEquals(bytes("61 62 63"), encode("abc" + G_CLEF, 4)); // the pair, not a '?' of its half
        assertArrayEquals(bytes("3f"), encode("\uD800", 1));
        assertArrayEquals(bytes(""), encode(G_CLEF, 1));
    }

    /** maxStringBytes 1: one byte, only an ASCII character or '?' fits. */
    @Test
    void smallestLimitKeepsOneByteCharactersOnly() throws Exception {
        assertEncodesAsJava(MIN_CAPACITY, List.of("", "a", "ab", "\u00e9", "\u20ac", G_CLEF, "\uD800", "\uDC00x", "\u0000",
                "x".repeat(1 << 20)));
    }

    /** 1 MiB chars: the encoder reads at most capacity chars of them, in bounded chunks. */
    @ParameterizedTest
    @ValueSource(ints = {MIN_CAPACITY, DEFAULT_CAPACITY, MAX_CAPACITY})
    void oneMebibyteStringIsCutToTheLimitAndReadOnlyAsFarAsItFits(int capacity) throws Exception {
        int mebibyte = 1 << 20;
        List<String> values = List.of("x".repeat(mebibyte), "\u20ac".repeat(mebibyte), G_CLEF.repeat(mebibyte / 2),
                "\u00e9".repeat(mebibyte));
        List<Encoded> encoded = encode(capacity, values);
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            assertArrayEquals(longestPrefixThatFits(value, capacity - 1), encoded.get(i).bytes(), describe(value));
            assertTrue(encoded.get(i).charsRead() <= capacity, describe(value));
        }
        assertEquals("x".repeat(capacity - 1), new String(encoded.get(0).bytes(), StandardCharsets.US_ASCII));
    }

    /** A pair or a lone half on either side of every chunk boundary, at the largest limit. */
    @Test
    void surrogatesAroundChunkBoundaries() throws Exception {
        List<String> values = new ArrayList<>();
        for (int boundary = CHUNK; boundary <= 4 * CHUNK; boundary += CHUNK) {
            for (int before = boundary - 3; before <= boundary + 1; before++) {
                for (String middle : List.of(G_CLEF, "\uD800", "\uDC00", "\uD800\uD800", G_CLEF + G_CLEF, "\u20ac")) {
                    values.add("a".repeat(before) + middle + "bc");
                    values.add("\u00e9".repeat(before) + middle + "bc");
                }
            }
        }
        for (int capacity : new int[] {MIN_CAPACITY, DEFAULT_CAPACITY, 258, 513, 1024, MAX_CAPACITY}) {
            assertEncodesAsJava(capacity, values);
        }
    }

    /** Random mixes of every kind of char, lone surrogates included, at random limits. */
    @Test
    void randomStringsEncodeAsJavaDoes() throws Exception {
        Random random = new Random(11);
        String[] pool = {"a", "Z", "\u0000", "\u007f", "\u0080", "\u00e9", "\u07ff", "\u0800", "\u20ac", "\ud7ff", "\ue000",
                "\uffff", G_CLEF, "\uD83D\uDE00", "\uDBFF\uDFFF", "\uD800", "\uDBFF", "\uDC00", "\uDFFF"};
        for (int capacity : new int[] {MIN_CAPACITY, 3, 4, 5, 7, 16, DEFAULT_CAPACITY, 257, 1000, MAX_CAPACITY}) {
            List<String> values = new ArrayList<>();
            for (int n = 0; n < 300; n++) {
                int length = random.nextInt(n % 10 == 0 ? 6000 : 300);
                StringBuilder value = new StringBuilder();
                while (value.length() < length) {
                    value.append(pool[random.nextInt(pool.length)]);
                }
                values.add(value.toString());
            }
            assertEncodesAsJava(capacity, values);
        }
    }

    /** The reference: whole code points, each as String.getBytes encodes it, while they fit. */
    private static byte[] longestPrefixThatFits(String value, int limit) {
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

    private static String describe(String value) {
        if (value == null) {
            return "null";
        }
        String head = value.length() > 40 ? value.substring(0, 40) : value;
        StringBuilder hex = new StringBuilder();
        head.chars().forEach(c -> hex.append(String.format("%04x ", c)));
        return value.length() + " chars: " + hex + (value.length() > 40 ? "..." : "");
    }

    private static byte[] bytes(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex);
    }
}
