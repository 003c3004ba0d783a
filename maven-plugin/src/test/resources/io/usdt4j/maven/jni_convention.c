// SPDX-License-Identifier: Apache-2.0
/* A static JNI native as a provider library has one, firing a probe at its entry with every
 * argument where it arrives: the JNIEnv, the class, then Java arguments of each size and sign,
 * the narrow ones first (in registers on every platform), the last ones on the stack. Once on
 * each kind of probe site usdt4j.h can build here. PlatformTableTest compares the notes' argument
 * specifications with the platform table's calling convention. */
#include <jni.h>

#include "usdt4j.h"

USDT4J_DEFINE_SEMAPHORE(usdt4j_abi, every);

#define EVERY_ARGUMENT(size)                                                                        \
    JNIEXPORT void JNICALL usdt4j_abi_every_nop##size(JNIEnv *env, jclass cls, jboolean z, jbyte b,  \
            jchar c, jshort s, jint i, jlong j, jlong j2, jint i2, jobject o, jlong j3) {            \
        USDT4J_FIRE(usdt4j_abi, every, env, cls, z, b, c, s, i, j, j2, i2, o, j3);                   \
    }

#undef USDT4J_NOP_SIZE
#define USDT4J_NOP_SIZE 1
EVERY_ARGUMENT(1)

#if USDT4J_HAS_NOP5
#undef USDT4J_NOP_SIZE
#define USDT4J_NOP_SIZE 5
EVERY_ARGUMENT(5)
#endif
