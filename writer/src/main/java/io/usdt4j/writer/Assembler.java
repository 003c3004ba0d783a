// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

/**
 * What every assembler of the library's functions does alike: it appends one function's
 * instructions to a {@link Text}, binds {@link Label}s there, and copies the instructions that the
 * platform table spells as bytes. Each subclass encodes one instruction set.
 */
abstract sealed class Assembler permits X86_64Assembler, WordAssembler {
    /** The text appended to, which knows the address of the next instruction ({@link Text#pc}). */
    final Text text;
    /** The text's bytes, where the instructions go. */
    final ByteSink code;

    Assembler(Text text) {
        this.text = text;
        this.code = text.code();
    }

    /** Binds {@code label} here, patching the branches that jump to it. */
    abstract void bind(Label label);

    /** Instruction bytes as the platform table spells them ({@code ret}, a site's nop). */
    final void raw(byte[] instruction) {
        code.bytes(instruction);
    }
}
