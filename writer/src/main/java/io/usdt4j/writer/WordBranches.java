// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

/**
 * Branches to a {@link Label} in code of 32-bit little-endian instruction words (A64, ppc64le),
 * whose offset, in words, is a signed field of the instruction: written at once when the label is
 * bound, else patched when it is ({@link #bind}).
 */
final class WordBranches {
    private WordBranches() {}

    /**
     * Appends {@code opcode} branching to {@code target}, its word offset in a field of {@code bits}
     * bits at bit {@code shift}; an unbound target records the field as {@code shift << 8 | bits}.
     */
    static void branch(ByteSink code, int opcode, Label target, int bits, int shift) {
        int instruction = code.size();
        if (target.isBound()) {
            code.appendWordLittleEndian(opcode | offsetField(target.offset() - instruction, bits) << shift);
        } else {
            target.use(new Label.Use(instruction, shift << 8 | bits));
            code.appendWordLittleEndian(opcode);
        }
    }

    /** Binds {@code label} at the end of {@code code}, patching the branches that jump to it. */
    static void bind(ByteSink code, Label label) {
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
