// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

/**
 * Encodes the few x86-64 instructions the library's functions are made of. Whatever refers to an
 * address or a label has one fixed form (32-bit displacements and branches), so that a function's
 * size never depends on where things are. Registers are numbered as the instruction set numbers them ({@link #RAX} 0 to
 * {@code r15} 15). X86_64AssemblerTest checks each encoding against GNU as.
 */
final class X86_64Assembler extends Assembler {
    static final int RAX = 0;
    static final int RCX = 1;
    static final int RDX = 2;
    static final int RBX = 3;
    static final int RSP = 4;
    static final int RSI = 6;
    static final int RDI = 7;
    static final int R8 = 8;
    static final int R12 = 12;

    /** Fill between functions: {@code int3}, which traps if anything ever runs it. */
    static final byte INT3 = (byte) 0xcc;

    private static final int REX = 0x40;
    private static final int REX_W = 0x08;
    private static final int REX_R = 0x04;
    private static final int REX_B = 0x01;
    private static final int MOD_INDIRECT = 0b00;
    private static final int MOD_DISP8 = 0b01;
    private static final int MOD_DISP32 = 0b10;
    private static final int MOD_REGISTER = 0b11;
    /** The r/m value that means a SIB byte follows (rsp, r12 as a base), and the SIB of [base] alone. */
    private static final int RM_SIB = 0b100;
    private static final int SIB_NO_INDEX = 0x24;
    /** The r/m value that, with {@link #MOD_INDIRECT}, means rip-relative. */
    private static final int RM_RIP = 0b101;
    private static final int CONDITION_EQUAL = 0x4;
    private static final int CONDITION_NOT_EQUAL = 0x5;

    X86_64Assembler(Text text) {
        super(text);
    }

    /** {@code push r64}. */
    void push(int register) {
        rexIfNeeded(false, 0, register);
        code.u8(0x50 + (register & 7));
    }

    /** {@code pop r64}. */
    void pop(int register) {
        rexIfNeeded(false, 0, register);
        code.u8(0x58 + (register & 7));
    }

    /** {@code sub rsp, imm8}. */
    void subtractFromStackPointer(int bytes) {
        code.u8(REX | REX_W).u8(0x83).u8(modrm(MOD_REGISTER, 5, RSP)).u8(imm8(bytes));
    }

    /** {@code add rsp, imm8}. */
    void addToStackPointer(int bytes) {
        code.u8(REX | REX_W).u8(0x83).u8(modrm(MOD_REGISTER, 0, RSP)).u8(imm8(bytes));
    }

    /** {@code mov r64, r64}. */
    void move(int destination, int source) {
        rex(true, source, destination);
        code.u8(0x89).u8(modrm(MOD_REGISTER, source, destination));
    }

    /** {@code mov r32, r32}: the upper half of the destination becomes zero. */
    void move32(int destination, int source) {
        rexIfNeeded(false, source, destination);
        code.u8(0x89).u8(modrm(MOD_REGISTER, source, destination));
    }

    /** {@code mov r64, [base + disp8]}. */
    void load(int destination, int base, int displacement) {
        rex(true, destination, base);
        code.u8(0x8b).u8(modrm(MOD_DISP8, destination, base));
        sibIfNeeded(base);
        code.u8(imm8(displacement));
    }

    /** {@code call [base + disp32]}: a call through a function table. */
    void callThrough(int base, int displacement) {
        rexIfNeeded(false, 0, base);
        code.u8(0xff).u8(modrm(MOD_DISP32, 2, base));
        sibIfNeeded(base);
        code.u32(displacement);
    }

    /** {@code lea r64, [rip + disp32]}: the address {@code target}, wherever the library is loaded. */
    void loadAddress(int destination, long target) {
        rex(true, destination, 0);
        code.u8(0x8d).u8(modrm(MOD_INDIRECT, destination, RM_RIP));
        long next = text.pc() + 4;
        code.u32(rel32(target - next));
    }

    /** {@code lea r64, [rsp + disp8]}. */
    void loadStackAddress(int destination, int displacement) {
        rex(true, destination, RSP);
        code.u8(0x8d).u8(modrm(MOD_DISP8, destination, RSP)).u8(SIB_NO_INDEX).u8(imm8(displacement));
    }

    /** {@code mov r32, imm32}: the upper half becomes zero. */
    void moveImmediate(int destination, int value) {
        rexIfNeeded(false, 0, destination);
        code.u8(0xb8 + (destination & 7)).u32(value);
    }

    /** {@code xor r32, r32}: zero. */
    void zero(int register) {
        rexIfNeeded(false, register, register);
        code.u8(0x31).u8(modrm(MOD_REGISTER, register, register));
    }

    /** {@code test r32, r32}. */
    void test32(int register) {
        rexIfNeeded(false, register, register);
        code.u8(0x85).u8(modrm(MOD_REGISTER, register, register));
    }

    /** {@code test r64, r64}. */
    void test64(int register) {
        rex(true, register, register);
        code.u8(0x85).u8(modrm(MOD_REGISTER, register, register));
    }

    /**
     * {@code cmp r32, imm}, in the shortest form, as GNU as writes it: a sign-extended byte when the
     * value fits one, else 32 bits (with eax's own opcode). Only ever given counts and site kinds,
     * never addresses, so a function's size still does not depend on where things are.
     */
    void compare(int register, int value) {
        if (value == (byte) value) {
            rexIfNeeded(false, 0, register);
            code.u8(0x83).u8(modrm(MOD_REGISTER, 7, register)).u8(value & 0xff);
        } else if (register == RAX) {
            code.u8(0x3d).u32(value);
        } else {
            rexIfNeeded(false, 0, register);
            code.u8(0x81).u8(modrm(MOD_REGISTER, 7, register)).u32(value);
        }
    }

    /** {@code je rel32}. */
    void jumpIfEqual(Label target) {
        conditionalJump(CONDITION_EQUAL, target);
    }

    /** {@code jne rel32}. */
    void jumpIfNotEqual(Label target) {
        conditionalJump(CONDITION_NOT_EQUAL, target);
    }

    /** {@code jmp rel32}. */
    void jump(Label target) {
        int instruction = code.size();
        code.u8(0xe9);
        branchField(instruction, target);
    }

    @Override
    void bind(Label label) {
        int here = code.size();
        for (Label.Use use : label.bind(here)) {
            code.patchU32(use.field(), here - (use.field() + 4));
        }
    }

    private void conditionalJump(int condition, Label target) {
        int instruction = code.size();
        code.u8(0x0f).u8(0x80 | condition);
        branchField(instruction, target);
    }

    private void branchField(int instruction, Label target) {
        int field = code.size();
        if (target.isBound()) {
            code.u32(target.offset() - (field + 4));
        } else {
            target.use(new Label.Use(instruction, field));
            code.u32(0);
        }
    }

    private void sibIfNeeded(int base) {
        if ((base & 7) == RM_SIB) {
            code.u8(SIB_NO_INDEX);
        }
    }

    private void rex(boolean wide, int reg, int rm) {
        code.u8(REX | (wide ? REX_W : 0) | (reg >= 8 ? REX_R : 0) | (rm >= 8 ? REX_B : 0));
    }

    private void rexIfNeeded(boolean wide, int reg, int rm) {
        if (wide || reg >= 8 || rm >= 8) {
            rex(wide, reg, rm);
        }
    }

    private static int modrm(int mod, int reg, int rm) {
        return mod << 6 | (reg & 7) << 3 | (rm & 7);
    }

    private static int imm8(int value) {
        if (value < -128 || value > 127) {
            throw new IllegalArgumentException(value + " does not fit a signed byte");
        }
        return value & 0xff;
    }

    private static int rel32(long distance) {
        if (distance != (int) distance) {
            throw new IllegalArgumentException("a displacement of " + distance + " bytes does not fit 32 bits");
        }
        return (int) distance;
    }
}
