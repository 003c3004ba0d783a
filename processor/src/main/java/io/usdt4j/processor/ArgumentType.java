package io.usdt4j.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;

/** A Java parameter type a probe can pass, and how it crosses JNI into a USDT argument. */
enum ArgumentType {
    BOOLEAN(TypeName.BOOLEAN, "Z", "jboolean", "uint8_t", 1, false),
    BYTE(TypeName.BYTE, "B", "jbyte", "int8_t", 1, true),
    SHORT(TypeName.SHORT, "S", "jshort", "int16_t", 2, true),
    CHAR(TypeName.CHAR, "C", "jchar", "uint16_t", 2, false),
    INT(TypeName.INT, "I", "jint", "int32_t", 4, true),
    LONG(TypeName.LONG, "J", "jlong", "int64_t", 8, true),
    /** Passed as UTF-8 bytes; the probe receives a pointer to a NUL-terminated copy, or 0 for null. */
    STRING(ArrayTypeName.of(TypeName.BYTE), "[B", "jbyteArray", "const char *", 8, false);

    /** The type of the generated native method's parameter. */
    final TypeName nativeJavaType;
    final String jniDescriptor;
    final String jniCType;
    /** The C type handed to the probe macro, which records its size and signedness in the note. */
    final String probeCType;
    final int bytes;
    final boolean signed;

    ArgumentType(TypeName nativeJavaType, String jniDescriptor, String jniCType, String probeCType,
                 int bytes, boolean signed) {
        this.nativeJavaType = nativeJavaType;
        this.jniDescriptor = jniDescriptor;
        this.jniCType = jniCType;
        this.probeCType = probeCType;
        this.bytes = bytes;
        this.signed = signed;
    }

    /** The argument size as USDT notes write it: negative for signed ({@code -8@%rax}). */
    int usdtSize() {
        return signed ? -bytes : bytes;
    }
}
