// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import java.util.Optional;

/**
 * What a tracer reads of one probe argument: an integer of a size and signedness, a boolean
 * (an unsigned byte, 0 or 1), or a string (a pointer to NUL-terminated UTF-8, 0 for null). The
 * probe description names it ({@link #wireName()}, its {@code tracerSees}), the USDT note
 * records its {@link #usdtSize()}, and everything that prints an argument asks it how.
 *
 * <p>It also owns how a probe's native receives the argument ({@link #jniType()}) and how the C
 * passes it to the probe ({@link #cType()}): one mapping for both backends.
 *
 * <p>Every consumer that needs a case per type switches over this enum exhaustively, so a type
 * added here does not compile until each of them handles it.
 */
public enum TracerType {
    /** A Java {@code boolean}: one unsigned byte, 0 or 1. */
    BOOL("bool", 1, false),
    INT8("int8", 1, true),
    UINT8("uint8", 1, false),
    INT16("int16", 2, true),
    /** A Java {@code char}: one UTF-16 code unit. */
    UINT16("uint16", 2, false),
    INT32("int32", 4, true),
    UINT32("uint32", 4, false),
    INT64("int64", 8, true),
    UINT64("uint64", 8, false),
    /**
     * A pointer to a NUL-terminated UTF-8 copy of the value, 0 for null. Java writes the copy into
     * native memory and passes the native its address ({@link JniType#LONG}).
     */
    STRING("string", 8, false);

    private final String wireName;
    private final int bytes;
    private final boolean signed;

    TracerType(String wireName, int bytes, boolean signed) {
        this.wireName = wireName;
        this.bytes = bytes;
        this.signed = signed;
    }

    /** The name the description gives it ({@code tracerSees}): {@code int64}, {@code bool}, {@code string}. */
    public String wireName() {
        return wireName;
    }

    /** Its size in bytes: 1, 2, 4 or 8 (a string is a pointer). */
    public int bytes() {
        return bytes;
    }

    public boolean signed() {
        return signed;
    }

    /** The size as a USDT note's argument specification writes it: negative when signed ({@code -8@%rdx}). */
    public int usdtSize() {
        return signed ? -bytes : bytes;
    }

    /**
     * How a probe's native receives the argument: the Java primitive of its size and signedness
     * ({@code char} for {@link #UINT16}, the unsigned types as the signed ones of their size), and
     * for a {@link #STRING} the {@code long} address of its UTF-8.
     */
    public JniType jniType() {
        return switch (this) {
            case BOOL -> JniType.BOOLEAN;
            case INT8, UINT8 -> JniType.BYTE;
            case INT16 -> JniType.SHORT;
            case UINT16 -> JniType.CHAR;
            case INT32, UINT32 -> JniType.INT;
            case INT64, UINT64, STRING -> JniType.LONG;
        };
    }

    /**
     * The C type a native built from C passes the probe, whose size and signedness the USDT note
     * records: {@code int64_t}, {@code uint8_t} for a {@link #BOOL}, {@code const char *} for a
     * {@link #STRING}.
     */
    public String cType() {
        return switch (this) {
            case BOOL, UINT8 -> "uint8_t";
            case INT8 -> "int8_t";
            case INT16 -> "int16_t";
            case UINT16 -> "uint16_t";
            case INT32 -> "int32_t";
            case UINT32 -> "uint32_t";
            case INT64 -> "int64_t";
            case UINT64 -> "uint64_t";
            case STRING -> "const char *";
        };
    }

    /** The type a description calls {@code wireName}, or empty for a name it does not define. */
    public static Optional<TracerType> ofWireName(String wireName) {
        for (TracerType type : values()) {
            if (type.wireName.equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * The integer type a note's argument size alone gives, for a library whose description cannot be
     * used: {@code -4} is {@link #INT32}, {@code 8} {@link #UINT64}. Empty for a size that is not
     * 1, 2, 4 or 8 (signed or not).
     */
    public static Optional<TracerType> ofNoteSize(int usdtSize) {
        boolean signed = usdtSize < 0;
        int bytes = Math.abs(usdtSize);
        for (TracerType type : values()) {
            if (type != BOOL && type != STRING && type.bytes == bytes && type.signed == signed) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
