// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

/**
 * An assembler of 32-bit instruction words stored little-endian in memory (A64, ppc64le), whatever
 * the data's byte order. A branch to a {@link Label} holds its offset, in words, in a signed field
 * of the instruction: written at once when the label is bound, else patched when it is
 * ({@link #bind}).
 */
abstract sealed class WordAssembler extends Assembler permits Aarch64Assembler, Ppc64Assembler {

    WordAssembler(Text text) {
        super(text);
    }

    /** Appends one instruction. */
    final void word(int instruction) {
        code.appendWordLittleEndian(instruction);
    }

    /**
     * Appends {@code opcode} branching to {@code target}, its word offset in a field of {@code bits}
     * bits at bit {@code shift}; an unbound target records the field as {@code shift << 8 | bits}.
     */
    final void branch(int opcode, Label target, int bits, int shift) {
        int instruction = code.size();
        if (target.isBound()) {
            code.appendWordLittleEndian(opcode | offsetField(target.offset() - instruction, bits) << shift);
        } else {
            target.use(new Label.Use(instruction, shift << 8 | bits));
            code.appendWordLittleEndian(opcode);
        }
    }

    @Override
    final void bind(Label label) {
        int here = code.size();
        for (Label.Use use : label.bind(here)) {
            int word = code.readWordLittleEndian(use.instruction());
            int bits = use.field() & 0xff;
            int shift = use.field() >>> 8;
            code.patchWordLittleEndian(use.instruction(), word | offsetField(here - use.instruction(), bits) << shift);
        }
    }

    private static int offsetField(int bytes, int bits) {
        int words = bytes >> 2;
        if (words < -(1 << (bits - 1)) || words >= 1 << (bits - 1)) {
            throw new IllegalArgumentException("a branch of " + bytes + " bytes does not fit " + bits + " bits");
        }
        return words & ((1 << bits) - 1);
    }
}
