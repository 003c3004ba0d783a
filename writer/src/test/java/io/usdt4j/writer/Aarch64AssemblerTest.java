// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import io.usdt4j.contract.Platform;
import static io.usdt4j.writer.Aarch64Assembler.FP;
import static io.usdt4j.writer.Aarch64Assembler.LR;
import static io.usdt4j.writer.Aarch64Assembler.SP;
import static io.usdt4j.writer.Aarch64Assembler.X0;
import static io.usdt4j.writer.Aarch64Assembler.X1;
import static io.usdt4j.writer.Aarch64Assembler.X19;
import static io.usdt4j.writer.Aarch64Assembler.X2;
import static io.usdt4j.writer.Aarch64Assembler.X20;
import static io.usdt4j.writer.Aarch64Assembler.X3;
import static io.usdt4j.writer.Aarch64Assembler.X8;
import static io.usdt4j.writer.Aarch64Assembler.X9;
import static io.usdt4j.writer.Aarch64Assembler.ZR;

import io.usdt4j.writer.GnuAssembler.Case;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every A64 encoder, against GNU as: pairs, loads, stores, addresses far and near, constants, branches. */
class Aarch64AssemblerTest {
    @TempDir
    Path temp;

    @Test
    void everyEncodingIsGnuAssemblers() throws Exception {
        GnuAssembler.check(Platform.LINUX_AARCH64, Aarch64Assembler::new,
                List.of("below=0x3a8", "above=0x306d8", "far=0x7fff1234"), List.of(
                        c(a -> a.pushPair(FP, LR, 32), "stp x29, x30, [sp, #-32]!"),
                        c(a -> a.popPair(FP, LR, 32), "ldp x29, x30, [sp], #32"),
                        c(a -> a.pushPair(FP, LR, 16), "stp x29, x30, [sp, #-16]!"),
                        c(a -> a.storePair(X19, X20, 16), "stp x19, x20, [sp, #16]"),
                        c(a -> a.loadPair(X19, X20, 16), "ldp x19, x20, [sp, #16]"),
                        c(a -> a.moveStackPointer(FP), "mov x29, sp"),
                        c(a -> a.addImmediate(X1, SP, 24), "add x1, sp, #24"),
                        c(a -> a.addImmediate(X2, X2, 0xfff), "add x2, x2, #0xfff"),
                        c(a -> a.move(X0, X19), "mov x0, x19"),
                        c(a -> a.move(X2, ZR), "mov x2, xzr"),
                        c(a -> a.load(X8, X0, 0), "ldr x8, [x0]"),
                        c(a -> a.load(X8, X8, Jni.slot(Jni.REGISTER_NATIVES)), "ldr x8, [x8, #1720]"),
                        c(a -> a.load(X19, SP, 24), "ldr x19, [sp, #24]"),
                        c(a -> a.store(X19, SP, 16), "str x19, [sp, #16]"),
                        c(a -> a.callRegister(X8), "blr x8"),
                        c(a -> a.loadAddress(X1, 0x3a8), "adrp x1, below\nadd x1, x1, :lo12:below"),
                        c(a -> a.loadAddress(X2, 0x306d8), "adrp x2, above\nadd x2, x2, :lo12:above"),
                        c(a -> a.loadAddress(X3, 0x7fff1234L), "adrp x3, far\nadd x3, x3, :lo12:far"),
                        c(a -> a.moveImmediate32(X2, Jni.VERSION_1_8), "movz w2, #0x8\nmovk w2, #0x1, lsl #16"),
                        c(a -> a.moveImmediate32(X9, 65536 + 300), "movz w9, #300\nmovk w9, #1, lsl #16"),
                        c(a -> a.moveImmediate64(X2, 0x1fffe), "movz x2, #0xfffe\nmovk x2, #0x1, lsl #16"),
                        c(a -> a.moveMinusOne(X0), "mov w0, #-1"),
                        c(a -> a.compare32(X0, X9), "cmp w0, w9"),
                        c(a -> {
                            Label forward = new Label();
                            a.branchIfNotZero32(X0, forward);
                            a.branchIfZero32(X1, forward);
                            a.branchIfZero64(X2, forward);
                            a.branchIfNotEqual(forward);
                            a.branch(forward);
                            a.bind(forward);
                        }, "cbnz w0, 1f\ncbz w1, 1f\ncbz x2, 1f\nb.ne 1f\nb 1f\n1:"),
                        c(a -> {
                            Label back = new Label();
                            a.bind(back);
                            a.move(X0, ZR);
                            a.branchIfNotZero32(X0, back);
                            a.branchIfNotEqual(back);
                            a.branch(back);
                        }, "2:\nmov x0, xzr\ncbnz w0, 2b\nb.ne 2b\nb 2b")), temp);
    }

    private static Case<Aarch64Assembler> c(Consumer<Aarch64Assembler> encode, String assembly) {
        return new Case<>(encode, assembly);
    }
}
