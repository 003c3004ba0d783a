// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import io.usdt4j.contract.Platform;
import java.util.List;

/**
 * The library's functions in one platform's machine code: {@code JNI_OnLoad}, the natives it
 * registers ({@code semaphores$}, {@code bindProbes$} and {@code address$}, as the C template
 * defines them) and a
 * fire function per probe and kind of site. Each method writes one function's body into a
 * {@link Text} begun for it; the addresses it is given are where the library's data will be, so
 * every body has the same size whatever they are.
 */
abstract sealed class MachineCode permits X86_64Code, Aarch64Code, Ppc64Code {
    /** Functions start at a multiple of this: a five-byte nop never crosses a cache line. */
    private static final int FUNCTION_ALIGNMENT = 16;

    /** The platform's return instruction. */
    final byte[] ret;

    MachineCode(Platform platform) {
        this.ret = java.util.HexFormat.of().parseHex(platform.returnInstruction());
    }

    /** The code of {@code platform}: every platform of the table has one, or this does not compile. */
    static MachineCode of(Platform platform) {
        return switch (platform) {
            case LINUX_X86_64 -> new X86_64Code(platform);
            case LINUX_AARCH64 -> new Aarch64Code(platform);
            case LINUX_PPC64LE -> new Ppc64Code(platform);
        };
    }

    /** A table of {@code JNINativeMethod}s that binds the probes to one kind of site, and that kind's number. */
    record SiteTable(int kind, long address) {}

    final int functionAlignment() {
        return FUNCTION_ALIGNMENT;
    }

    /** What pads the text between functions: an instruction that traps. */
    abstract byte fill();

    /**
     * {@code jint JNI_OnLoad(JavaVM *vm, void *reserved)}: gets the {@code JNIEnv} (JNI 1.8), finds
     * the class named by the string at {@code className} and registers the {@code count} natives
     * of the table at {@code natives}; returns {@code JNI_VERSION_1_8}, or {@code JNI_ERR} when any
     * step fails.
     */
    abstract void onLoad(Text text, long className, long natives, int count);

    /**
     * {@code jobject semaphores$(JNIEnv *, jclass, jintArray offsets)}: null unless {@code offsets}
     * has {@code count} elements; else fills it from the {@code jint}s at {@code offsetTable} and
     * returns a direct buffer over the {@code bytes} bytes of semaphores at {@code semaphores}.
     */
    abstract void semaphores(Text text, int count, long offsetTable, long semaphores, int bytes);

    /**
     * {@code jint bindProbes$(JNIEnv *, jclass, jint nopSize)}: registers the {@code count} probe
     * natives of the table whose kind is {@code nopSize}, or of the first table (the default) when
     * none is; returns the kind bound, or 0 when {@code RegisterNatives} failed.
     */
    abstract void bindProbes(Text text, List<SiteTable> tables, int count);

    /**
     * {@code jlong address$(JNIEnv *, jclass, jobject buffer)}: 0 for a null buffer, else
     * {@code GetDirectBufferAddress(env, buffer)}, which is 0 for a buffer that is not direct.
     */
    abstract void address(Text text);

    /**
     * A probe's fire function: its site's instruction ({@code site}, where the note points), then a
     * return. It touches no register and no stack: the arguments stay where the note says.
     */
    final void fire(Text text, byte[] site) {
        text.code().bytes(site).bytes(ret);
    }
}
