// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import io.usdt4j.contract.Platform;
import static io.usdt4j.writer.X86_64Assembler.R12;
import static io.usdt4j.writer.X86_64Assembler.R8;
import static io.usdt4j.writer.X86_64Assembler.RAX;
import static io.usdt4j.writer.X86_64Assembler.RBX;
import static io.usdt4j.writer.X86_64Assembler.RCX;
import static io.usdt4j.writer.X86_64Assembler.RDI;
import static io.usdt4j.writer.X86_64Assembler.RDX;
import static io.usdt4j.writer.X86_64Assembler.RSI;
import static io.usdt4j.writer.X86_64Assembler.RSP;

import io.usdt4j.writer.GnuAssembler.Case;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every x86-64 encoder, with the registers the library uses and those that need a REX prefix or a
 * SIB byte, against GNU as. The pseudo-prefixes {@code {disp8}} and {@code {disp32}} ask as for the
 * fixed forms the encoder writes.
 */
class X86_64AssemblerTest {
    @TempDir
    Path temp;

    @Test
    void everyEncodingIsGnuAssemblers() throws Exception {
        GnuAssembler.check(Platform.LINUX_X86_64, X86_64Assembler::new,
                List.of("table=0x12345", "data=0x2008"), List.of(
                        c(a -> a.push(RBX), "push %rbx"),
                        c(a -> a.push(R12), "push %r12"),
                        c(a -> a.pop(RBX), "pop %rbx"),
                        c(a -> a.pop(R12), "pop %r12"),
                        c(a -> a.subtractFromStackPointer(16), "sub $16, %rsp"),
                        c(a -> a.addToStackPointer(8), "add $8, %rsp"),
                        c(a -> a.move(RDI, RBX), "mov %rbx, %rdi"),
                        c(a -> a.move(R12, RDX), "mov %rdx, %r12"),
                        c(a -> a.move(RSI, R12), "mov %r12, %rsi"),
                        c(a -> a.move32(RAX, RBX), "mov %ebx, %eax"),
                        c(a -> a.load(RAX, RDI, 0), "{disp8} mov 0(%rdi), %rax"),
                        c(a -> a.load(RBX, RSP, 0), "{disp8} mov 0(%rsp), %rbx"),
                        c(a -> a.load(R12, R12, 8), "{disp8} mov 8(%r12), %r12"),
                        c(a -> a.load(R8, RBX, -16), "{disp8} mov -16(%rbx), %r8"),
                        c(a -> a.callThrough(RAX, Jni.slot(Jni.GET_ENV)), "{disp32} call *48(%rax)"),
                        c(a -> a.callThrough(RAX, Jni.slot(Jni.NEW_DIRECT_BYTE_BUFFER)), "call *1832(%rax)"),
                        c(a -> a.callThrough(R12, 8), "{disp32} call *8(%r12)"),
                        c(a -> a.callThrough(RSP, 8), "{disp32} call *8(%rsp)"),
                        c(a -> a.loadAddress(RSI, 0x12345), "lea table(%rip), %rsi"),
                        c(a -> a.loadAddress(R8, 0x2008), "lea data(%rip), %r8"),
                        c(a -> a.loadStackAddress(RSI, 0), "{disp8} lea 0(%rsp), %rsi"),
                        c(a -> a.moveImmediate(RDX, Jni.VERSION_1_8), "mov $0x10008, %edx"),
                        c(a -> a.moveImmediate(RAX, Jni.ERR), "mov $-1, %eax"),
                        c(a -> a.moveImmediate(R8, 5), "mov $5, %r8d"),
                        c(a -> a.zero(RAX), "xor %eax, %eax"),
                        c(a -> a.zero(RDX), "xor %edx, %edx"),
                        c(a -> a.test32(RAX), "test %eax, %eax"),
                        c(a -> a.test64(RDX), "test %rdx, %rdx"),
                        c(a -> a.test64(R12), "test %r12, %r12"),
                        c(a -> a.compare(RDX, 5), "cmp $5, %edx"),
                        c(a -> a.compare(RAX, 2), "cmp $2, %eax"),
                        c(a -> a.compare(RAX, 65536), "cmp $65536, %eax"),
                        c(a -> a.compare(RCX, 300), "cmp $300, %ecx"),
                        c(a -> a.compare(R8, -1), "cmp $-1, %r8d"),
                        c(a -> {
                            Label forward = new Label();
                            a.jumpIfNotEqual(forward);
                            a.zero(RAX);
                            a.bind(forward);
                        }, "{disp32} jne 1f\nxor %eax, %eax\n1:"),
                        c(a -> {
                            Label back = new Label();
                            a.bind(back);
                            a.zero(RAX);
                            a.jumpIfEqual(back);
                        }, "2:\nxor %eax, %eax\n{disp32} je 2b"),
                        c(a -> {
                            Label forward = new Label();
                            a.jump(forward);
                            a.bind(forward);
                        }, "{disp32} jmp 3f\n3:")), temp);
    }

    private static Case<X86_64Assembler> c(Consumer<X86_64Assembler> encode, String assembly) {
        return new Case<>(encode, assembly);
    }
}
