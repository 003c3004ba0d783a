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
import static io.usdt4j.writer.Ppc64Assembler.R6;
import static io.usdt4j.writer.Ppc64Assembler.R7;
import static io.usdt4j.writer.Ppc64Assembler.R9;
import static io.usdt4j.writer.Ppc64Assembler.SP;
import static io.usdt4j.writer.Ppc64Assembler.TOC;

import io.usdt4j.contract.Platform;
import java.util.List;

/**
 * The library's functions in 64-bit Power code, the ELFv2 ABI: arguments in r3 to r7; r29 to r31
 * kept for the caller; a frame on a 16-byte aligned stack in every function that calls, its back
 * chain at 0, the link register saved in the caller's frame at 16, the TOC pointer saved at 24
 * (each JNI function sets r2 to its own TOC and leaves it so; r2 is restored after each call). The
 * functions use no TOC of their own: each finds its data from its own address, which it takes with
 * {@code bcl} into r31.
 */
final class Ppc64Code extends MachineCode {
    /** The frame: the ABI's 32-byte header, a 64-byte parameter save area, r29 to r31, env; 16-byte aligned. */
    private static final int FRAME = 128;
    /** Where the ABI has a caller save its link register: in its caller's frame. */
    private static final int LINK_SAVE = 16;
    /** Where the ABI has a caller save its TOC pointer across a call: in its own frame. */
    private static final int TOC_SAVE = 24;
    private static final int SAVED = 96;
    /** Where JNI_OnLoad has GetEnv put the {@code JNIEnv *}. */
    private static final int ENV_SLOT = 120;

    Ppc64Code(Platform platform) {
        super(platform);
    }

    @Override
    byte fill() {
        return Ppc64Assembler.ILLEGAL_BYTE;
    }

    @Override
    void onLoad(Text text, long className, long natives, int count) {
        Ppc64Assembler a = enter(text);
        Label fail = new Label();
        Label out = new Label();
        a.addImmediate(R4, SP, ENV_SLOT);          // GetEnv(vm, &env, JNI_VERSION_1_8)
        a.loadImmediate32(R5, Jni.VERSION_1_8);
        callJni(a, R3, Jni.GET_ENV);
        a.compareWordImmediate(R3, Jni.OK);
        a.branchIfNotEqual(fail);
        a.load(R30, SP, ENV_SLOT);                 // r30 keeps env
        a.move(R3, R30);                           // FindClass(env, className)
        a.loadAddress(R4, className);
        callJni(a, R30, Jni.FIND_CLASS);
        a.compareDoublewordImmediate(R3, 0);
        a.branchIfEqual(fail);
        a.move(R4, R3);                            // RegisterNatives(env, cls, natives, count)
        a.move(R3, R30);
        a.loadAddress(R5, natives);
        a.loadImmediate32(R6, count);
        callJni(a, R30, Jni.REGISTER_NATIVES);
        a.compareWordImmediate(R3, Jni.OK);
        a.branchIfNotEqual(fail);
        a.loadImmediate32(R3, Jni.VERSION_1_8);
        a.branch(out);
        a.bind(fail);
        a.loadImmediate(R3, Jni.ERR);
        a.bind(out);
        leave(a);
    }

    @Override
    void semaphores(Text text, int count, long offsetTable, long semaphores, int bytes) {
        Ppc64Assembler a = enter(text);
        Label none = new Label();
        a.compareDoublewordImmediate(R5, 0);
        a.branchIfEqual(none);
        a.move(R30, R3);                           // r30 keeps env, r29 offsets
        a.move(R29, R5);
        a.move(R4, R5);                            // GetArrayLength(env, offsets) == count
        callJni(a, R3, Jni.GET_ARRAY_LENGTH);
        a.loadImmediate32(R9, count);
        a.compareWord(R3, R9);
        a.branchIfNotEqual(none);
        a.move(R3, R30);                           // SetIntArrayRegion(env, offsets, 0, count, offsetTable)
        a.move(R4, R29);
        a.loadImmediate(R5, 0);
        a.loadImmediate32(R6, count);
        a.loadAddress(R7, offsetTable);
        callJni(a, R30, Jni.SET_INT_ARRAY_REGION);
        a.move(R3, R30);                           // return NewDirectByteBuffer(env, semaphores, bytes)
        a.loadAddress(R4, semaphores);
        a.loadImmediate32(R5, bytes);
        callJni(a, R30, Jni.NEW_DIRECT_BYTE_BUFFER);
        leaveWithResultOrZero(a, none);
    }

    @Override
    void bindProbes(Text text, List<SiteTable> tables, int count) {
        Ppc64Assembler a = enter(text);
        Label register = new Label();
        Label fail = new Label();
        for (SiteTable table : tables.subList(1, tables.size())) {
            Label next = new Label();
            a.loadImmediate32(R9, table.kind());
            a.compareWord(R5, R9);
            a.branchIfNotEqual(next);
            a.loadAddress(R5, table.address());
            a.loadImmediate32(R30, table.kind());  // r30 keeps the kind bound
            a.branch(register);
            a.bind(next);
        }
        a.loadAddress(R5, tables.get(0).address());
        a.loadImmediate32(R30, tables.get(0).kind());
        a.bind(register);                          // RegisterNatives(env, cls, table, count): r3 and r4 as given
        a.loadImmediate32(R6, count);
        callJni(a, R3, Jni.REGISTER_NATIVES);
        a.compareWordImmediate(R3, Jni.OK);
        a.branchIfNotEqual(fail);
        a.move(R3, R30);
        leaveWithResultOrZero(a, fail);
    }

    @Override
    void address(Text text) {
        Ppc64Assembler a = enter(text);
        Label none = new Label();
        a.compareDoublewordImmediate(R5, 0);
        a.branchIfEqual(none);
        a.move(R4, R5);                            // return GetDirectBufferAddress(env, buffer)
        callJni(a, R3, Jni.GET_DIRECT_BUFFER_ADDRESS);
        leaveWithResultOrZero(a, none);
    }

    /**
     * The prologue of a function that calls: saves the link register in the caller's frame, opens
     * its frame, saves r2 and r29 to r31 there, and takes its own address into r31 (which overwrites
     * the link register, saved by then). The argument registers are untouched.
     */
    private static Ppc64Assembler enter(Text text) {
        Ppc64Assembler a = new Ppc64Assembler(text);
        a.moveFromLinkRegister(R0);
        a.store(R0, SP, LINK_SAVE);
        a.storeWithUpdate(SP, SP, -FRAME);
        a.store(TOC, SP, TOC_SAVE);
        a.store(R29, SP, SAVED);
        a.store(R30, SP, SAVED + 8);
        a.store(R31, SP, SAVED + 16);
        a.loadProgramCounter(R31);
        return a;
    }

    /** The epilogue of {@link #enter}: r29 to r31 and the link register restored, the frame closed, a return (r3 as set). */
    private void leave(Ppc64Assembler a) {
        a.load(R29, SP, SAVED);
        a.load(R30, SP, SAVED + 8);
        a.load(R31, SP, SAVED + 16);
        a.addImmediate(SP, SP, FRAME);
        a.load(R0, SP, LINK_SAVE);
        a.moveToLinkRegister(R0);
        a.raw(ret);
    }

    /** {@link #leave}, returning r3 as computed, or 0 from {@code zero}, where the function branched when it had nothing to return. */
    private void leaveWithResultOrZero(Ppc64Assembler a, Label zero) {
        Label out = new Label();
        a.branch(out);
        a.bind(zero);
        a.loadImmediate(R3, 0);
        a.bind(out);
        leave(a);
    }

    /**
     * Calls function {@code index} of the JNI function table that {@code pointer} (a {@code JavaVM *}
     * or {@code JNIEnv *}) points to, as the ABI calls through a pointer: its address in r12 and the
     * count register, then r2 restored.
     */
    private static void callJni(Ppc64Assembler a, int pointer, int index) {
        a.load(R12, pointer, 0);
        a.load(R12, R12, Jni.slot(index));
        a.moveToCountRegister(R12);
        a.callCountRegister();
        a.load(TOC, SP, TOC_SAVE);
    }
}
