// SPDX-License-Identifier: Apache-2.0
/*
 * JNI natives that fire probes without any usdt4j code in between.
 *
 * longs3: the unguarded JNI probe, what a naive binding pays on every call. Java calls this
 * native unconditionally and it fires the probe whether or not a tracer is attached; usdt4j
 * instead reads the probe's semaphore in Java and calls native code only while a tracer is
 * attached.
 *
 * control_nop<N>, control_loop_nop<N>: the controls of the traced benchmark (TracedControlBenchmark),
 * probe jniprobe:control on a one-byte (N=1) or five-byte (N=5, x86-64) nop site: fired once per
 * JNI call, and fired many times in a C loop inside one JNI call. Together with cfire (C alone)
 * and TracedBenchmark (usdt4j) they split a traced fire's cost into the process, the JNI call
 * and usdt4j's own code.
 */
#include <jni.h>

#include "usdt4j.h"

USDT4J_DEFINE_SEMAPHORE(jniprobe, longs3);
USDT4J_DEFINE_SEMAPHORE(jniprobe, control);

JNIEXPORT void JNICALL Java_io_usdt4j_bench_JniProbe_longs3(JNIEnv *env, jclass cls, jlong a, jlong b, jlong c) {
    (void) env;
    (void) cls;
    USDT4J_FIRE(jniprobe, longs3, (long) a, (long) b, (long) c);
}

/* The control probe's two functions on one kind of site: the sites expand USDT4J_NOP_SIZE as
 * it is defined where they are (see usdt4j.h). */
#define CONTROL_FUNCTIONS(size)                                                                     \
    JNIEXPORT void JNICALL Java_io_usdt4j_bench_JniProbe_control##size(                             \
            JNIEnv *env, jclass cls, jlong a, jlong b, jlong c) {                                   \
        (void) env;                                                                                 \
        (void) cls;                                                                                 \
        USDT4J_FIRE(jniprobe, control, (long) a, (long) b, (long) c);                               \
    }                                                                                               \
    JNIEXPORT void JNICALL Java_io_usdt4j_bench_JniProbe_controlLoop##size(                         \
            JNIEnv *env, jclass cls, jlong fires) {                                                 \
        (void) env;                                                                                 \
        (void) cls;                                                                                 \
        for (long i = 0; i < fires; i++) {                                                          \
            if (*USDT4J_SEMAPHORE_ADDRESS(jniprobe, control)) USDT4J_FIRE(jniprobe, control, i, i + 1, i + 2); \
        }                                                                                           \
    }

#undef USDT4J_NOP_SIZE
#define USDT4J_NOP_SIZE 1
CONTROL_FUNCTIONS(1)

#if USDT4J_HAS_NOP5
#undef USDT4J_NOP_SIZE
#define USDT4J_NOP_SIZE 5
CONTROL_FUNCTIONS(5)
#endif
