// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import static io.usdt4j.writer.Ppc64Assembler.R0;
import static io.usdt4j.writer.Ppc64Assembler.R12;
import static io.usdt4j.writer.Ppc64Assembler.R29;
import static io.usdt4j.writer.Ppc64Assembler.R3;
import static io.usdt4j.writer.Ppc64Assembler.R30;
import static io.usdt4j.writer.Ppc64Assembler.R31;
import static io.usdt4j.writer.Ppc64Assembler.R4;
import static io.usdt4j.writer.Ppc64Assembler.R5;
import static io.usdt4j.writer.Ppc64Assembler.R9;
import static io.usdt4j.writer.Ppc64Assembler.SP;
import static io.usdt4j.writer.Ppc64Assembler.TOC;

import io.usdt4j.contract.Platform;
import io.usdt4j.writer.GnuAssembler.Case;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every 64-bit Power encoder, against GNU as: the frame, loads and stores, the program counter and
 * addresses far and near of it, below and above, constants, compares, branches and calls.
 */
class Ppc64AssemblerTest {
    @TempDir
    Path temp;

    @Test
    void everyEncodingIsGnuAssemblers() throws Exception {
        GnuAssembler.check(Platform.LINUX_PPC64LE, Ppc64Assembler::new,
                List.of("below=0x3a8", "above=0x306d8", "near=0x10100", "far=0x7fff1234"), List.of(
                        c(a -> a.moveFromLinkRegister(R0), "mflr 0"),
                        c(a -> a.moveToLinkRegister(R0), "mtlr 0"),
                        c(a -> a.moveToCountRegister(R12), "mtctr 12"),
                        c(Ppc64Assembler::callCountRegister, "bctrl"),
                        c(a -> a.store(R0, SP, 16), "std 0, 16(1)"),
                        c(a -> a.storeWithUpdate(SP, SP, -128), "stdu 1, -128(1)"),
                        c(a -> a.store(TOC, SP, 24), "std 2, 24(1)"),
                        c(a -> a.store(R31, SP, 112), "std 31, 112(1)"),
                        c(a -> a.load(R29, SP, 96), "ld 29, 96(1)"),
                        c(a -> a.load(R12, R12, Jni.slot(Jni.REGISTER_NATIVES)), "ld 12, 1720(12)"),
                        c(a -> a.load(R12, R3, 0), "ld 12, 0(3)"),
                        c(a -> a.addImmediate(SP, SP, 128), "addi 1, 1, 128"),
                        c(a -> a.addImmediate(R4, SP, 120), "addi 4, 1, 120"),
                        c(a -> a.loadImmediate(R3, -1), "li 3, -1"),
                        c(a -> a.loadImmediate(R5, 0), "li 5, 0"),
                        c(a -> a.loadImmediate32(R5, Jni.VERSION_1_8), "lis 5, 1\nori 5, 5, 8"),
                        c(a -> a.loadImmediate32(R9, 65536 + 300), "lis 9, 1\nori 9, 9, 300"),
                        c(a -> a.loadImmediate32(R9, 0x7fffffff), "lis 9, 0x7fff\nori 9, 9, 0xffff"),
                        c(a -> a.move(R30, R3), "mr 30, 3"),
                        c(a -> a.compareWordImmediate(R3, 0), "cmpwi 0, 3, 0"),
                        c(a -> a.compareDoublewordImmediate(R5, 0), "cmpdi 0, 5, 0"),
                        c(a -> a.compareWord(R3, R9), "cmpw 0, 3, 9"),
                        c(a -> {
                            a.loadProgramCounter(R31);
                            a.loadAddress(R4, 0x3a8);
                            a.loadAddress(R5, 0x306d8);
                            a.loadAddress(R3, 0x10100);
                            a.loadAddress(R9, 0x7fff1234L);
                        }, "bcl 20, 31, 3f\n3: mflr 31\naddis 4, 31, (below - 3b)@ha\naddi 4, 4, (below - 3b)@l\n"
                                + "addis 5, 31, (above - 3b)@ha\naddi 5, 5, (above - 3b)@l\n"
                                + "addis 3, 31, (near - 3b)@ha\naddi 3, 3, (near - 3b)@l\n"
                                + "addis 9, 31, (far - 3b)@ha\naddi 9, 9, (far - 3b)@l"),
                        c(a -> {
                            Label forward = new Label();
                            a.branchIfEqual(forward);
                            a.branchIfNotEqual(forward);
                            a.branch(forward);
                            a.bind(forward);
                        }, "beq 0, 1f\nbne 0, 1f\nb 1f\n1:"),
                        c(a -> {
                            Label back = new Label();
                            a.bind(back);
                            a.move(R3, R30);
                            a.branchIfEqual(back);
                            a.branchIfNotEqual(back);
                            a.branch(back);
                        }, "2:\nmr 3, 30\nbeq 0, 2b\nbne 0, 2b\nb 2b")), temp);
    }

    private static Case<Ppc64Assembler> c(Consumer<Ppc64Assembler> encode, String assembly) {
        return new Case<>(encode, assembly);
    }
}
