// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

/**
 * What crosses JNI into a probe's native for one argument: a Java primitive, as the generated
 * class declares the native's parameter, as {@code RegisterNatives} names it and as the native
 * receives it. Each {@link TracerType} picks its own ({@link TracerType#jniType()}); both backends
 * (the C template and the Java-written library) and the processor take it from there, so that
 * every library binds the generated natives the same way.
 */
public enum JniType {
    BOOLEAN(boolean.class, "jboolean"),
    BYTE(byte.class, "jbyte"),
    SHORT(short.class, "jshort"),
    CHAR(char.class, "jchar"),
    INT(int.class, "jint"),
    /** Also a string's address: a pointer to NUL-terminated UTF-8 that Java wrote, 0 for null. */
    LONG(long.class, "jlong");

    private final Class<?> javaType;
    private final String cType;

    JniType(Class<?> javaType, String cType) {
        this.javaType = javaType;
        this.cType = cType;
    }

    /** The type of the native method's parameter: {@code long.class}. */
    public Class<?> javaType() {
        return javaType;
    }

    /** Its JNI type descriptor, as in the native's {@code RegisterNatives} signature: {@code J}. */
    public String descriptor() {
        return javaType.descriptorString();
    }

    /** Its type in C, as the JNI function receives it ({@code jni.h}): {@code jlong}. */
    public String cType() {
        return cType;
    }
}
