// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

/**
 * Encodes the few 64-bit Power instructions the library's functions are made of: every instruction
 * is one 32-bit word, stored little-endian on ppc64le. An address is formed from a base register
 * that holds the address of a known instruction ({@link #loadProgramCounter}) by {@code addis} and
 * {@code addi}, always both, so that a function's size never depends on the addresses it refers to.
 * Registers are numbered {@code r0} to {@code r31}. Ppc64AssemblerTest checks each encoding against
 * GNU as.
 */
final class Ppc64Assembler extends WordAssembler {
    static final int R0 = 0;
    /** The stack pointer. */
    static final int SP = 1;
    /** The TOC pointer, which a callee may change and its caller restores from its frame. */
    static final int TOC = 2;
    static final int R3 = 3;
    static final int R4 = 4;
    static final int R5 = 5;
    static final int R6 = 6;
    static final int R7 = 7;
    static final int R9 = 9;
    /** The address of the function a call goes to, which the ELFv2 ABI has a callee find in r12. */
    static final int R12 = 12;
    static final int R29 = 29;
    static final int R30 = 30;
    static final int R31 = 31;

    /** Fill between functions: the word 0, an illegal instruction, which traps if anything ever runs it. */
    static final byte ILLEGAL_BYTE = 0;

    /** {@code bc}'s BO for "branch if the condition bit is set", and for "if it is clear". */
    private static final int IF_SET = 12;
    private static final int IF_CLEAR = 4;
    /** {@code bc}'s BI: cr0's EQ bit. */
    private static final int CR0_EQ = 2;

    /** The register {@link #loadProgramCounter} loaded, and the address it holds; -1 before. */
    private int base = -1;
    private long baseAddress;

    Ppc64Assembler(Text text) {
        super(text);
    }

    /** {@code mflr rd}. */
    void moveFromLinkRegister(int destination) {
        word(0x7c0802a6 | destination << 21);
    }

    /** {@code mtlr rs}. */
    void moveToLinkRegister(int source) {
        word(0x7c0803a6 | source << 21);
    }

    /** {@code mtctr rs}. */
    void moveToCountRegister(int source) {
        word(0x7c0903a6 | source << 21);
    }

    /** {@code bctrl}: calls the address in the count register. */
    void callCountRegister() {
        word(0x4e800421);
    }

    /**
     * {@code bcl 20,31,1f; 1: mflr rd}: {@code rd} holds the address of the {@code mflr}, from which
     * {@link #loadAddress} reaches any address. It overwrites the link register.
     */
    void loadProgramCounter(int destination) {
        word(0x429f0005);
        base = destination;
        baseAddress = text.pc();
        moveFromLinkRegister(destination);
    }

    /** {@code std rs, offset(ra)}: offset a multiple of 4. */
    void store(int source, int baseRegister, int offset) {
        word(0xf8000000 | source << 21 | baseRegister << 16 | displacement(offset));
    }

    /** {@code stdu rs, offset(ra)}: stores, and moves {@code ra} by {@code offset}. */
    void storeWithUpdate(int source, int baseRegister, int offset) {
        word(0xf8000001 | source << 21 | baseRegister << 16 | displacement(offset));
    }

    /** {@code ld rd, offset(ra)}: offset a multiple of 4. */
    void load(int destination, int baseRegister, int offset) {
        word(0xe8000000 | destination << 21 | baseRegister << 16 | displacement(offset));
    }

    /** {@code addi rd, ra, value}; {@code li rd, value} when {@code ra} is 0. */
    void addImmediate(int destination, int source, int value) {
        word(0x38000000 | destination << 21 | source << 16 | signed16(value));
    }

    /** {@code li rd, value}: a 16-bit signed value. */
    void loadImmediate(int destination, int value) {
        addImmediate(destination, R0, value);
    }

    /** {@code lis rd, hi; ori rd, rd, lo}: any value from 0 to 0x7fffffff in two words (a 64-bit register holds it). */
    void loadImmediate32(int destination, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(value + " is negative");
        }
        word(0x3c000000 | destination << 21 | value >>> 16);
        word(0x60000000 | destination << 21 | destination << 16 | value & 0xffff);
    }

    /**
     * {@code addis rd, base, (target - pc)@ha; addi rd, rd, (target - pc)@l}: the address
     * {@code target}, wherever the library is loaded, from the register {@link #loadProgramCounter}
     * loaded with the address {@code pc}.
     */
    void loadAddress(int destination, long target) {
        if (base < 0) {
            throw new IllegalStateException("no base register: loadProgramCounter first");
        }
        long delta = target - baseAddress;
        if (delta < Integer.MIN_VALUE || delta > Integer.MAX_VALUE - 0x8000) {
            throw new IllegalArgumentException("0x" + Long.toHexString(target) + " is beyond addis's reach");
        }
        int high = (int) ((delta + 0x8000) >> 16);
        word(0x3c000000 | destination << 21 | base << 16 | high & 0xffff);
        word(0x38000000 | destination << 21 | destination << 16 | (int) delta & 0xffff);
    }

    /** {@code mr rd, rs} ({@code or rd, rs, rs}). */
    void move(int destination, int source) {
        word(0x7c000378 | source << 21 | destination << 16 | source << 11);
    }

    /** {@code cmpwi cr0, ra, value}: compares the low 32 bits, signed. */
    void compareWordImmediate(int register, int value) {
        word(0x2c000000 | register << 16 | signed16(value));
    }

    /** {@code cmpdi cr0, ra, value}: compares all 64 bits, signed. */
    void compareDoublewordImmediate(int register, int value) {
        word(0x2c200000 | register << 16 | signed16(value));
    }

    /** {@code cmpw cr0, ra, rb}. */
    void compareWord(int first, int second) {
        word(0x7c000000 | first << 16 | second << 11);
    }

    /** {@code beq cr0, target}. */
    void branchIfEqual(Label target) {
        branch(0x40000000 | IF_SET << 21 | CR0_EQ << 16, target, 14);
    }

    /** {@code bne cr0, target}. */
    void branchIfNotEqual(Label target) {
        branch(0x40000000 | IF_CLEAR << 21 | CR0_EQ << 16, target, 14);
    }

    /** {@code b target}. */
    void branch(Label target) {
        branch(0x48000000, target, 24);
    }

    /** A branch whose word offset is a field of {@code bits} bits at bit 2 of the instruction. */
    private void branch(int opcode, Label target, int bits) {
        branch(opcode, target, bits, 2);
    }

    /** A DS-form displacement: a multiple of 4 that fits 16 bits, signed. */
    private static int displacement(int offset) {
        if (offset % 4 != 0) {
            throw new IllegalArgumentException(offset + " is not a multiple of 4");
        }
        return signed16(offset);
    }

    private static int signed16(int value) {
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new IllegalArgumentException(value + " does not fit 16 bits");
        }
        return value & 0xffff;
    }
}
