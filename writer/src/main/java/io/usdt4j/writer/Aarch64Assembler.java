// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

/**
 * Encodes the few A64 instructions the library's functions are made of: every instruction is one
 * 32-bit word, stored little-endian. An address is always formed by {@code adrp} and {@code add}, so
 * that a function's size never depends on the addresses it refers to. Registers are numbered
 * {@code x0} to {@code x30}; {@link #SP} and {@link #ZR} are both 31, told apart by the instruction.
 * Aarch64AssemblerTest checks each encoding against GNU as.
 */
final class Aarch64Assembler extends WordAssembler {
    static final int X0 = 0;
    static final int X1 = 1;
    static final int X2 = 2;
    static final int X3 = 3;
    static final int X4 = 4;
    /** An intra-procedure-call scratch register, for the function pointer a call goes through. */
    static final int X8 = 8;
    static final int X9 = 9;
    static final int X19 = 19;
    static final int X20 = 20;
    static final int FP = 29;
    static final int LR = 30;
    static final int SP = 31;
    static final int ZR = 31;

    /** Fill between functions: {@code udf #0}, which traps if anything ever runs it. */
    static final byte UDF_BYTE = 0;

    private static final int CONDITION_NOT_EQUAL = 0x1;
    private static final long PAGE = 4096;

    Aarch64Assembler(Text text) {
        super(text);
    }

    /** {@code stp xa, xb, [sp, #-bytes]!}: pushes a pair, moving sp down. */
    void pushPair(int first, int second, int bytes) {
        word(0xa9800000 | imm7(-bytes) << 15 | second << 10 | SP << 5 | first);
    }

    /** {@code ldp xa, xb, [sp], #bytes}: pops a pair, moving sp up. */
    void popPair(int first, int second, int bytes) {
        word(0xa8c00000 | imm7(bytes) << 15 | second << 10 | SP << 5 | first);
    }

    /** {@code stp xa, xb, [sp, #offset]}. */
    void storePair(int first, int second, int offset) {
        word(0xa9000000 | imm7(offset) << 15 | second << 10 | SP << 5 | first);
    }

    /** {@code ldp xa, xb, [sp, #offset]}. */
    void loadPair(int first, int second, int offset) {
        word(0xa9400000 | imm7(offset) << 15 | second << 10 | SP << 5 | first);
    }

    /** {@code mov xd, sp} (an {@code add} of 0: {@code orr} cannot read sp). */
    void moveStackPointer(int destination) {
        addImmediate(destination, SP, 0);
    }

    /** {@code add xd, xn|sp, #imm12}. */
    void addImmediate(int destination, int source, int value) {
        word(0x91000000 | imm12(value) << 10 | source << 5 | destination);
    }

    /** {@code mov xd, xm} ({@code orr xd, xzr, xm}). */
    void move(int destination, int source) {
        word(0xaa0003e0 | source << 16 | destination);
    }

    /** {@code ldr xt, [xn|sp, #offset]}: offset a multiple of 8. */
    void load(int destination, int base, int offset) {
        word(0xf9400000 | scaled(offset, 8, 12) << 10 | base << 5 | destination);
    }

    /** {@code str xt, [xn|sp, #offset]}: offset a multiple of 8. */
    void store(int source, int base, int offset) {
        word(0xf9000000 | scaled(offset, 8, 12) << 10 | base << 5 | source);
    }

    /** {@code blr xn}. */
    void callRegister(int register) {
        word(0xd63f0000 | register << 5);
    }

    /** {@code adrp xd, target} and {@code add xd, xd, :lo12:target}: the address {@code target}, wherever the library is loaded. */
    void loadAddress(int destination, long target) {
        long pages = Math.floorDiv(target, PAGE) - Math.floorDiv(text.pc(), PAGE);
        if (pages < -(1 << 20) || pages >= 1 << 20) {
            throw new IllegalArgumentException("0x" + Long.toHexString(target) + " is beyond adrp's reach");
        }
        int immlo = (int) pages & 0x3;
        int immhi = (int) (pages >> 2) & 0x7ffff;
        word(0x90000000 | immlo << 29 | immhi << 5 | destination);
        addImmediate(destination, destination, (int) Math.floorMod(target, PAGE));
    }

    /** {@code movz wd, #lo16} and {@code movk wd, #hi16, lsl #16}: any 32-bit value in two words. */
    void moveImmediate32(int destination, int value) {
        word(0x52800000 | (value & 0xffff) << 5 | destination);
        word(0x72a00000 | (value >>> 16) << 5 | destination);
    }

    /** {@code movz xd, #lo16} and {@code movk xd, #hi16, lsl #16}: a 64-bit register holds a 32-bit unsigned value. */
    void moveImmediate64(int destination, long value) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException(value + " is not a 32-bit unsigned value");
        }
        word(0xd2800000 | (int) (value & 0xffff) << 5 | destination);
        word(0xf2a00000 | (int) (value >>> 16) << 5 | destination);
    }

    /** {@code mov wd, #-1} ({@code movn wd, #0}). */
    void moveMinusOne(int destination) {
        word(0x12800000 | destination);
    }

    /** {@code cmp wn, wm} ({@code subs wzr, wn, wm}). */
    void compare32(int first, int second) {
        word(0x6b00001f | second << 16 | first << 5);
    }

    /** {@code cbz wt, target}. */
    void branchIfZero32(int register, Label target) {
        branch(0x34000000 | register, target, 19, 5);
    }

    /** {@code cbnz wt, target}. */
    void branchIfNotZero32(int register, Label target) {
        branch(0x35000000 | register, target, 19, 5);
    }

    /** {@code cbz xt, target}. */
    void branchIfZero64(int register, Label target) {
        branch(0xb4000000 | register, target, 19, 5);
    }

    /** {@code b.ne target}. */
    void branchIfNotEqual(Label target) {
        branch(0x54000000 | CONDITION_NOT_EQUAL, target, 19, 5);
    }

    /** {@code b target}. */
    void branch(Label target) {
        branch(0x14000000, target, 26, 0);
    }

    private static int imm7(int bytes) {
        int scaled = scaled(bytes, 8, 7);
        return scaled & 0x7f;
    }

    /** {@code value / unit}, which must be a whole number that fits {@code bits} bits (signed for 7, unsigned for 12). */
    private static int scaled(int value, int unit, int bits) {
        if (value % unit != 0) {
            throw new IllegalArgumentException(value + " is not a multiple of " + unit);
        }
        int scaled = value / unit;
        boolean fits = bits == 7 ? scaled >= -64 && scaled < 64 : scaled >= 0 && scaled < 1 << bits;
        if (!fits) {
            throw new IllegalArgumentException(value + " is out of range");
        }
        return scaled;
    }

    private static int imm12(int value) {
        if (value < 0 || value >= 1 << 12) {
            throw new IllegalArgumentException(value + " does not fit 12 bits");
        }
        return value;
    }
}
