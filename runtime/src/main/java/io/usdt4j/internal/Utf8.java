package io.usdt4j.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Encodes probe string arguments; called by generated code only while a tracer is attached. */
public final class Utf8 {
    private Utf8() {}

    /**
     * Encodes {@code value} as standard UTF-8 (not JNI's modified UTF-8), cut to at most
     * {@code maxBytes} bytes on a character boundary. Returns {@code null} for {@code null}, which
     * the probe passes as pointer 0. An unpaired surrogate becomes {@code ?}, as in
     * {@link String#getBytes(java.nio.charset.Charset)}.
     */
    public static byte[] encode(CharSequence value, int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " is negative");
        }
        if (value == null) {
            return null;
        }
        // Every char encodes to at least one byte, so a prefix of maxBytes + 1 chars is enough to
        // know where the cut falls, and a huge string is never encoded whole. A surrogate pair split
        // by the prefix encodes its lone half as '?' at byte maxBytes or later, which the cut drops.
        int chars = maxBytes >= value.length() ? value.length() : maxBytes + 1;
        byte[] bytes = value.subSequence(0, chars).toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return bytes;
        }
        int end = maxBytes;
        while (end > 0 && isContinuationByte(bytes[end])) {
            end--; // bytes[end] starts the character that does not fit
        }
        return Arrays.copyOf(bytes, end);
    }

    private static boolean isContinuationByte(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
