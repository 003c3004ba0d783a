package io.usdt4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {
    private static final String G_CLEF = "\uD834\uDD1E"; // U+1D11E, 4 bytes in UTF-8

    @Test
    void nullStaysNullSoTheProbeGetsPointerZero() {
        assertNull(Utf8.encode(null, 255));
    }

    @Test
    void emptyStringIsAnEmptyArray() {
        assertArrayEquals(new byte[0], Utf8.encode("", 255));
    }

    @Test
    void asciiIsOneBytePerChar() {
        assertArrayEquals(new byte[] {'o', 'r', 'd', 'e', 'r', '-', '4', '2'}, Utf8.encode("order-42", 255));
    }

    @Test
    void encodesStandardUtf8NotModifiedUtf8() {
        byte[] bytes = Utf8.encode("na\u00efve \u2603 " + G_CLEF, 255);

        assertArrayEquals(bytes("6e 61 c3 af 76 65 20 e2 98 83 20 f0 9d 84 9e"), bytes);
        assertEquals("na\u00efve \u2603 " + G_CLEF, new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void nulIsOneZeroByteNotTheModifiedUtf8Pair() {
        assertArrayEquals(bytes("61 00 62"), Utf8.encode("a\u0000b", 255));
    }

    @Test
    void supplementaryCharacterIsFourBytesNotTwoEncodedSurrogates() {
        assertArrayEquals(bytes("f0 9d 84 9e"), Utf8.encode(G_CLEF, 255));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "\u00e9\u20ac" + G_CLEF, "\u00e9\u00e9\u00e9", G_CLEF + G_CLEF})
    void stringExactlyAtTheLimitIsUnchanged(String value) {
        byte[] whole = value.getBytes(StandardCharsets.UTF_8);

        assertArrayEquals(whole, Utf8.encode(value, whole.length));
    }

    /**
     * Puts a 2-, 3- or 4-byte character after every number of ASCII bytes up to 8, and cuts at
     * every byte of it: the cut must fall before the character unless all of it fits. The tail
     * of x's makes the string long enough that encode() only looks at a prefix of it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\u00e9", "\u20ac", G_CLEF})
    void truncationNeverSplitsACharacter(String character) {
        int size = character.getBytes(StandardCharsets.UTF_8).length;
        for (String tail : new String[] {"", "x".repeat(20)}) {
            for (int before = 0; before <= 8; before++) {
                String head = "a".repeat(before);
                String value = head + character + tail;
                for (int inside = 0; inside < size; inside++) {
                    int limit = before + inside;
                    assertArrayEquals(head.getBytes(StandardCharsets.UTF_8), Utf8.encode(value, limit),
                            () -> "limit " + limit + " in " + value);
                }
                int whole = before + size;
                assertArrayEquals((head + character).getBytes(StandardCharsets.UTF_8),
                        Utf8.encode(value, whole), () -> "limit " + whole + " in " + value);
            }
        }
    }

    /** Every limit over a mix of widths, against the longest whole-character prefix that fits. */
    @Test
    void everyLimitKeepsTheLongestPrefixOfWholeCharacters() {
        String value = "a\u00e9\u20ac" + G_CLEF + "\u0000" + G_CLEF + "\uD800z\u00e9" + "\u20ac".repeat(5);
        for (int limit = 0; limit <= 40; limit++) {
            int max = limit;
            assertArrayEquals(longestPrefixThatFits(value, limit), Utf8.encode(value, limit), () -> "limit " + max);
        }
    }

    @Test
    void loneSurrogatesBecomeQuestionMarks() {
        assertArrayEquals(bytes("61 3f 62"), Utf8.encode("a\uD800b", 255));
        assertArrayEquals(bytes("61 3f 62"), Utf8.encode("a\uDC00b", 255));
        assertArrayEquals(bytes("61 62 3f"), Utf8.encode("ab\uD800", 255));
        assertArrayEquals(bytes("3f 3f 61"), Utf8.encode("\uDD1E\uD834a", 255)); // reversed pair: two lone halves
    }

    @Test
    void loneHighSurrogateAtTheCutIsKeptWhenItFits() {
        assertArrayEquals(bytes("61 62 63"), Utf8.encode("abc\uD800xyz", 3));
        assertArrayEquals(bytes("61 62 63 3f"), Utf8.encode("abc\uD800xyz", 4));
    }

    @Test
    void oneMebibyteStringIsCutToTheLimit() {
        int mebibyte = 1 << 20;

        assertArrayEquals("x".repeat(255).getBytes(StandardCharsets.UTF_8), Utf8.encode("x".repeat(mebibyte), 255));
        assertArrayEquals("\u20ac".repeat(85).getBytes(StandardCharsets.UTF_8),
                Utf8.encode("\u20ac".repeat(mebibyte), 255));
        assertArrayEquals(G_CLEF.repeat(63).getBytes(StandardCharsets.UTF_8),
                Utf8.encode(G_CLEF.repeat(mebibyte / 2), 255));
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

    private static byte[] bytes(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex);
    }
}
