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
import static io.usdt4j.writer.Aarch64Assembler.X4;
import static io.usdt4j.writer.Aarch64Assembler.X8;
import static io.usdt4j.writer.Aarch64Assembler.X9;
import static io.usdt4j.writer.Aarch64Assembler.ZR;

import java.util.List;

/**
 * The library's functions in A64 code, AAPCS64: arguments in x0 to x4, x19 and x20 kept for the
 * caller, a frame record (x29, x30) on a 16-byte aligned stack in every function that calls.
 */
final class Aarch64Code extends MachineCode {
    private static final int FRAME = 32;
    private static final int SAVED = 16;
    /** Where JNI_OnLoad keeps its {@code JNIEnv *} in its frame. */
    private static final int ENV_SLOT = 24;

    Aarch64Code(Platform platform) {
        super(platform);
    }

    @Override
    byte fill() {
        return Aarch64Assembler.UDF_BYTE;
    }

    @Override
    void onLoad(Text text, long className, long natives, int count) {
        Aarch64Assembler a = enter(text, X19);     // x19 keeps env
        Label fail = new Label();
        Label out = new Label();
        a.addImmediate(X1, SP, ENV_SLOT);     // GetEnv(vm, &env, JNI_VERSION_1_8)
        a.moveImmediate32(X2, Jni.VERSION_1_8);
        callJni(a, X0, Jni.GET_ENV);
        a.branchIfNotZero32(X0, fail);
        a.load(X19, SP, ENV_SLOT);
        a.move(X0, X19);                      // FindClass(env, className)
        a.loadAddress(X1, className);
        callJni(a, X19, Jni.FIND_CLASS);
        a.branchIfZero64(X0, fail);
        a.move(X1, X0);                       // RegisterNatives(env, cls, natives, count)
        a.move(X0, X19);
        a.loadAddress(X2, natives);
        a.moveImmediate32(X3, count);
        callJni(a, X19, Jni.REGISTER_NATIVES);
        a.branchIfNotZero32(X0, fail);
        a.moveImmediate32(X0, Jni.VERSION_1_8);
        a.branch(out);
        a.bind(fail);
        a.moveMinusOne(X0);
        a.bind(out);
        leave(a, X19);
    }

    @Override
    void semaphores(Text text, int count, long offsetTable, long semaphores, int bytes) {
        Aarch64Assembler a = enter(text, X19, X20); // env, offsets
        Label none = new Label();
        a.branchIfZero64(X2, none);
        a.move(X19, X0);
        a.move(X20, X2);
        a.move(X1, X2);                       // GetArrayLength(env, offsets) == count
        callJni(a, X0, Jni.GET_ARRAY_LENGTH);
        a.moveImmediate32(X9, count);
        a.compare32(X0, X9);
        a.branchIfNotEqual(none);
        a.move(X0, X19);                      // SetIntArrayRegion(env, offsets, 0, count, offsetTable)
        a.move(X1, X20);
        a.move(X2, ZR);
        a.move(X3, X9);
        a.loadAddress(X4, offsetTable);
        callJni(a, X19, Jni.SET_INT_ARRAY_REGION);
        a.move(X0, X19);                      // return NewDirectByteBuffer(env, semaphores, bytes)
        a.loadAddress(X1, semaphores);
        a.moveImmediate64(X2, bytes);
        callJni(a, X19, Jni.NEW_DIRECT_BYTE_BUFFER);
        leaveWithResultOrZero(a, none, X19, X20);
    }

    @Override
    void bindProbes(Text text, List<SiteTable> tables, int count) {
        Aarch64Assembler a = enter(text, X19);     // x19 keeps the kind bound
        Label register = new Label();
        Label fail = new Label();
        for (SiteTable table : tables.subList(1, tables.size())) {
            Label next = new Label();
            a.moveImmediate32(X9, table.kind());
            a.compare32(X2, X9);
            a.branchIfNotEqual(next);
            a.loadAddress(X2, table.address());
            a.moveImmediate32(X19, table.kind());
            a.branch(register);
            a.bind(next);
        }
        a.loadAddress(X2, tables.get(0).address());
        a.moveImmediate32(X19, tables.get(0).kind());
        a.bind(register);                     // RegisterNatives(env, cls, table, count): x0 and x1 as given
        a.moveImmediate32(X3, count);
        callJni(a, X0, Jni.REGISTER_NATIVES);
        a.branchIfNotZero32(X0, fail);
        a.move(X0, X19);
        leaveWithResultOrZero(a, fail, X19);
    }

    @Override
    void address(Text text) {
        Aarch64Assembler a = enter(text);
        Label none = new Label();
        a.branchIfZero64(X2, none);
        a.move(X1, X2);                       // return GetDirectBufferAddress(env, buffer)
        callJni(a, X0, Jni.GET_DIRECT_BUFFER_ADDRESS);
        leaveWithResultOrZero(a, none);
    }

    /**
     * The prologue of a function that calls: the frame record (x29, x30) pushed and x29 pointed at
     * it, then {@code kept}, none, x19 or x19 and x20, saved in the frame. The argument registers
     * are untouched.
     */
    private static Aarch64Assembler enter(Text text, int... kept) {
        Aarch64Assembler a = new Aarch64Assembler(text);
        a.pushPair(FP, LR, FRAME);
        a.moveStackPointer(FP);
        switch (kept.length) {
            case 0 -> { }
            case 1 -> a.store(kept[0], SP, SAVED);
            case 2 -> a.storePair(kept[0], kept[1], SAVED);
            default -> throw new IllegalArgumentException("the frame keeps two registers at most");
        }
        return a;
    }

    /** The epilogue of {@link #enter}: {@code kept} restored, the frame record popped, a return (x0 as set). */
    private void leave(Aarch64Assembler a, int... kept) {
        switch (kept.length) {
            case 0 -> { }
            case 1 -> a.load(kept[0], SP, SAVED);
            case 2 -> a.loadPair(kept[0], kept[1], SAVED);
            default -> throw new IllegalArgumentException("the frame keeps two registers at most");
        }
        a.popPair(FP, LR, FRAME);
        a.raw(ret);
    }

    /** {@link #leave}, returning x0 as computed, or 0 from {@code zero}, where the function branched when it had nothing to return. */
    private void leaveWithResultOrZero(Aarch64Assembler a, Label zero, int... kept) {
        Label out = new Label();
        a.branch(out);
        a.bind(zero);
        a.move(X0, ZR);
        a.bind(out);
        leave(a, kept);
    }

    /** Calls function {@code index} of the JNI function table that {@code pointer} (a {@code JavaVM *} or {@code JNIEnv *}) points to, through x8. */
    private static void callJni(Aarch64Assembler a, int pointer, int index) {
        a.load(X8, pointer, 0);
        a.load(X8, X8, Jni.slot(index));
        a.callRegister(X8);
    }
}
