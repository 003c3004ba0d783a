// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

/**
 * The encoding a tracer reads of a string argument: standard UTF-8 (what {@code String.getBytes(UTF_8)}
 * gives, not JNI's modified UTF-8), cut on a character boundary to at most the provider's limit,
 * then a NUL. An unpaired surrogate is {@code ?}, U+0000 the byte 0, and a surrogate pair (four
 * bytes) that does not fit is left out whole.
 */
final class Utf8 {
    private Utf8() {}

    /**
     * Writes {@code value}'s UTF-8 into {@code out}, at most {@code limit} bytes of it, then a NUL.
     * Every char is at least one byte, so it reads at most {@code limit + 1} chars, each once (the
     * last only to tell a pair from a lone high surrogate), through {@code charAt}: a sequence of
     * any length costs what its encoded prefix does, and nothing is allocated. A sequence whose
     * {@code length()} is negative is empty.
     *
     * @param out at least {@code limit + 1} bytes
     * @return the bytes before the NUL
     */
    static int encode(CharSequence value, int limit, byte[] out) {
        int length = Math.min(value.length(), limit + 1);
        // ASCII first, the common case: a byte per char, checked against the room once.
        int size = value instanceof String ? ascii((String) value, Math.min(length, limit), out) : 0;
        int ahead = -1; // the char at i when the one before read it, to tell a pair from a lone high surrogate
        for (int i = size; i < length; i++) {
            char c = ahead < 0 ? value.charAt(i) : (char) ahead;
            ahead = -1;
            if (c < 0x80) {
                if (size + 1 > limit) {
                    break;
                }
                out[size++] = (byte) c;
            } else if (c < 0x800) {
                if (size + 2 > limit) {
                    break;
                }
                out[size++] = (byte) (0xC0 | c >> 6);
                out[size++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                if (size + 3 > limit) {
                    break;
                }
                out[size++] = (byte) (0xE0 | c >> 12);
                out[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[size++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate((char) (ahead = value.charAt(i + 1)))) {
                if (size + 4 > limit) {
                    break;
                }
                int codePoint = Character.toCodePoint(c, (char) ahead);
                ahead = -1;
                i++;
                out[size++] = (byte) (0xF0 | codePoint >> 18);
                out[size++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                out[size++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                out[size++] = (byte) (0x80 | codePoint & 0x3F);
            } else { // a lone surrogate; a high one leaves the char after it in ahead
                if (size + 1 > limit) {
                    break;
                }
                out[size++] = (byte) '?';
            }
        }
        out[size] = 0;
        return size;
    }

    /** The chars of {@code value}'s ASCII prefix, at most {@code count}, each as its byte: returns how many. */
    private static int ascii(String value, int count, byte[] out) {
        int i = 0;
        while (i < count) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                break;
            }
            out[i++] = (byte) c;
        }
        return i;
    }
}
