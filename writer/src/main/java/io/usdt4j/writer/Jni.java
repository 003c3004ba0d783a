// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

/**
 * What the library's machine code needs of JNI ({@code jni.h}): where each function it calls sits in
 * the {@code JavaVM} and {@code JNIEnv} function tables, the version it asks for, and the layout of
 * a {@code JNINativeMethod}. JniTest checks every number against the jni.h of the JDK that runs it.
 */
final class Jni {
    /** {@code JNI_VERSION_1_8}: what {@code JNI_OnLoad} asks {@code GetEnv} for, and returns. */
    static final int VERSION_1_8 = 0x00010008;
    /** {@code JNI_OK}. */
    static final int OK = 0;
    /** {@code JNI_ERR}. */
    static final int ERR = -1;

    /** A function-table slot is a pointer. */
    static final int SLOT_BYTES = 8;

    /** {@code JNIInvokeInterface_}: {@code jint GetEnv(JavaVM *, void **penv, jint version)}. */
    static final int GET_ENV = 6;

    /** {@code JNINativeInterface_}: {@code jclass FindClass(JNIEnv *, const char *name)}. */
    static final int FIND_CLASS = 6;
    /** {@code jsize GetArrayLength(JNIEnv *, jarray)}. */
    static final int GET_ARRAY_LENGTH = 171;
    /** {@code void SetIntArrayRegion(JNIEnv *, jintArray, jsize start, jsize len, const jint *buf)}. */
    static final int SET_INT_ARRAY_REGION = 211;
    /** {@code jint RegisterNatives(JNIEnv *, jclass, const JNINativeMethod *, jint count)}. */
    static final int REGISTER_NATIVES = 215;
    /** {@code jobject NewDirectByteBuffer(JNIEnv *, void *address, jlong capacity)}. */
    static final int NEW_DIRECT_BYTE_BUFFER = 229;

    /** {@code void *GetDirectBufferAddress(JNIEnv *, jobject buf)}. */
    static final int GET_DIRECT_BUFFER_ADDRESS = 230;

    /** {@code JNINativeMethod}: {@code char *name; char *signature; void *fnPtr}. */
    static final int NATIVE_METHOD_BYTES = 24;
    static final int NATIVE_METHOD_NAME = 0;
    static final int NATIVE_METHOD_SIGNATURE = 8;
    static final int NATIVE_METHOD_FUNCTION = 16;

    private Jni() {}

    /** The byte offset of function {@code index} in its table. */
    static int slot(int index) {
        return index * SLOT_BYTES;
    }
}
