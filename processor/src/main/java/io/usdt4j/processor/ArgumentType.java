// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/** A Java parameter type a probe can pass, and how it crosses JNI into a USDT argument. */
enum ArgumentType {
    BOOLEAN(TypeName.BOOLEAN, "Z", "jboolean", "uint8_t", 1, false, "uint8", "%u"),
    BYTE(TypeName.BYTE, "B", "jbyte", "int8_t", 1, true, "int8", "%d"),
    SHORT(TypeName.SHORT, "S", "jshort", "int16_t", 2, true, "int16", "%d"),
    CHAR(TypeName.CHAR, "C", "jchar", "uint16_t", 2, false, "uint16", "%u"),
    INT(TypeName.INT, "I", "jint", "int32_t", 4, true, "int32", "%d"),
    /** {@code %ld}: bpftrace 0.17's {@code %d} prints only the low 32 bits of a 64-bit value. */
    LONG(TypeName.LONG, "J", "jlong", "int64_t", 8, true, "int64", "%ld"),
    /**
     * Passed as a {@code String}, which the native encodes as UTF-8 into a stack buffer; the probe
     * receives a pointer to that NUL-terminated copy, or 0 for null.
     */
    STRING(ClassName.get(String.class), "Ljava/lang/String;", "jstring", "const char *", 8, false, "string", "%s");

    /** The type of the generated native method's parameter. */
    final TypeName nativeJavaType;
    final String jniDescriptor;
    final String jniCType;
    /** The C type handed to the probe macro, which records its size and signedness in the note. */
    final String probeCType;
    final int bytes;
    final boolean signed;
    /** What a tracer reads, as the probe description names it. */
    final String tracerType;
    /** The bpftrace printf format of the argument; strings print {@code str(argN)}. */
    final String bpftraceFormat;

    ArgumentType(TypeName nativeJavaType, String jniDescriptor, String jniCType, String probeCType,
                 int bytes, boolean signed, String tracerType, String bpftraceFormat) {
        this.nativeJavaType = nativeJavaType;
        this.jniDescriptor = jniDescriptor;
        this.jniCType = jniCType;
        this.probeCType = probeCType;
        this.bytes = bytes;
        this.signed = signed;
        this.tracerType = tracerType;
        this.bpftraceFormat = bpftraceFormat;
    }

    /** The argument size as USDT notes write it: negative for signed ({@code -8@%rax}). */
    int usdtSize() {
        return signed ? -bytes : bytes;
    }
}
