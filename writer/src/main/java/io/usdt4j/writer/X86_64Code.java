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

import java.util.List;

/**
 * The library's functions in x86-64 code, System V calling convention: arguments in rdi, rsi, rdx,
 * rcx, r8; rbx and r12 kept for the caller; the stack 16-byte aligned at each call (a function is
 * entered 8 bytes below that, its return address pushed). A fire function touches neither a
 * register nor the stack: the kernel may turn its five-byte nop into a call that pushes below rsp.
 */
final class X86_64Code extends MachineCode {

    X86_64Code(Platform platform) {
        super(platform);
    }

    @Override
    byte fill() {
        return X86_64Assembler.INT3;
    }

    @Override
    void onLoad(Text text, long className, long natives, int count) {
        X86_64Assembler a = new X86_64Assembler(text);
        Label fail = new Label();
        Label out = new Label();
        a.push(RBX);                      // rbx keeps env; with it and 16 bytes for env the stack is aligned
        a.subtractFromStackPointer(16);
        a.loadStackAddress(RSI, 0);       // GetEnv(vm, &env, JNI_VERSION_1_8)
        a.moveImmediate(RDX, Jni.VERSION_1_8);
        callJni(a, RDI, Jni.GET_ENV);
        a.test32(RAX);
        a.jumpIfNotEqual(fail);
        a.load(RBX, RSP, 0);
        a.move(RDI, RBX);                 // FindClass(env, className)
        a.loadAddress(RSI, className);
        callJni(a, RBX, Jni.FIND_CLASS);
        a.test64(RAX);
        a.jumpIfEqual(fail);
        a.move(RSI, RAX);                 // RegisterNatives(env, cls, natives, count)
        a.move(RDI, RBX);
        a.loadAddress(RDX, natives);
        a.moveImmediate(RCX, count);
        callJni(a, RBX, Jni.REGISTER_NATIVES);
        a.test32(RAX);
        a.jumpIfNotEqual(fail);
        a.moveImmediate(RAX, Jni.VERSION_1_8);
        a.jump(out);
        a.bind(fail);
        a.moveImmediate(RAX, Jni.ERR);
        a.bind(out);
        a.addToStackPointer(16);
        a.pop(RBX);
        a.raw(ret);
    }

    @Override
    void semaphores(Text text, int count, long offsetTable, long semaphores, int bytes) {
        X86_64Assembler a = new X86_64Assembler(text);
        Label none = new Label();
        Label out = new Label();
        a.push(RBX);                      // env
        a.push(R12);                      // offsets
        a.subtractFromStackPointer(8);
        a.test64(RDX);
        a.jumpIfEqual(none);
        a.move(RBX, RDI);
        a.move(R12, RDX);
        a.move(RSI, RDX);                 // GetArrayLength(env, offsets) == count
        callJni(a, RDI, Jni.GET_ARRAY_LENGTH);
        a.compare(RAX, count);
        a.jumpIfNotEqual(none);
        a.move(RDI, RBX);                 // SetIntArrayRegion(env, offsets, 0, count, offsetTable)
        a.move(RSI, R12);
        a.zero(RDX);
        a.moveImmediate(RCX, count);
        a.loadAddress(R8, offsetTable);
        callJni(a, RBX, Jni.SET_INT_ARRAY_REGION);
        a.move(RDI, RBX);                 // return NewDirectByteBuffer(env, semaphores, bytes)
        a.loadAddress(RSI, semaphores);
        a.moveImmediate(RDX, bytes);
        callJni(a, RBX, Jni.NEW_DIRECT_BYTE_BUFFER);
        a.jump(out);
        a.bind(none);
        a.zero(RAX);
        a.bind(out);
        a.addToStackPointer(8);
        a.pop(R12);
        a.pop(RBX);
        a.raw(ret);
    }

    @Override
    void bindProbes(Text text, List<SiteTable> tables, int count) {
        X86_64Assembler a = new X86_64Assembler(text);
        Label register = new Label();
        Label fail = new Label();
        a.push(RBX);                      // the kind bound; aligns the stack
        for (SiteTable table : tables.subList(1, tables.size())) {
            Label next = new Label();
            a.compare(RDX, table.kind());
            a.jumpIfNotEqual(next);
            a.loadAddress(RDX, table.address());
            a.moveImmediate(RBX, table.kind());
            a.jump(register);
            a.bind(next);
        }
        a.loadAddress(RDX, tables.get(0).address());
        a.moveImmediate(RBX, tables.get(0).kind());
        a.bind(register);                 // RegisterNatives(env, cls, table, count): rdi and rsi as given
        a.moveImmediate(RCX, count);
        callJni(a, RDI, Jni.REGISTER_NATIVES);
        a.test32(RAX);
        a.jumpIfNotEqual(fail);
        a.move32(RAX, RBX);
        a.pop(RBX);
        a.raw(ret);
        a.bind(fail);
        a.zero(RAX);
        a.pop(RBX);
        a.raw(ret);
    }

    @Override
    void address(Text text) {
        X86_64Assembler a = new X86_64Assembler(text);
        Label none = new Label();
        a.push(RBX);                      // aligns the stack for the call
        a.test64(RDX);
        a.jumpIfEqual(none);
        a.move(RSI, RDX);                 // return GetDirectBufferAddress(env, buffer)
        callJni(a, RDI, Jni.GET_DIRECT_BUFFER_ADDRESS);
        a.pop(RBX);
        a.raw(ret);
        a.bind(none);
        a.zero(RAX);
        a.pop(RBX);
        a.raw(ret);
    }

    /** Calls function {@code index} of the JNI function table that {@code pointer} (a {@code JavaVM *} or {@code JNIEnv *}) points to, through rax. */
    private static void callJni(X86_64Assembler a, int pointer, int index) {
        a.load(RAX, pointer, 0);
        a.callThrough(RAX, Jni.slot(index));
    }
}
