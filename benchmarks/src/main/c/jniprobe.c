/*
 * The unguarded JNI probe: what a naive binding pays on every call. Java calls this native
 * unconditionally and it fires the probe whether or not a tracer is attached; usdt4j instead
 * reads the probe's semaphore in Java and calls native code only while a tracer is attached.
 */
#include <jni.h>

#include "usdt4j.h"

USDT4J_DEFINE_SEMAPHORE(jniprobe, longs3);

JNIEXPORT void JNICALL Java_io_usdt4j_bench_JniProbe_longs3(JNIEnv *env, jclass cls, jlong a, jlong b, jlong c) {
    (void) env;
    (void) cls;
    USDT4J_FIRE(jniprobe, longs3, (long) a, (long) b, (long) c);
}
