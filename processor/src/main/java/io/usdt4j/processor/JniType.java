// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/**
 * What crosses JNI into a probe's native method: a Java primitive, or a {@code String} that the
 * native encodes as UTF-8.
 */
enum JniType {
    BOOLEAN(TypeName.BOOLEAN, "Z", "jboolean"),
    BYTE(TypeName.BYTE, "B", "jbyte"),
    SHORT(TypeName.SHORT, "S", "jshort"),
    CHAR(TypeName.CHAR, "C", "jchar"),
    INT(TypeName.INT, "I", "jint"),
    LONG(TypeName.LONG, "J", "jlong"),
    STRING(ClassName.get(String.class), "Ljava/lang/String;", "jstring");

    /** The type of the generated native method's parameter. */
    final TypeName javaType;
    /** Its JNI type descriptor, as in the native's {@code RegisterNatives} signature. */
    final String descriptor;
    /** Its type in C, as the JNI function receives it. */
    final String cType;

    JniType(TypeName javaType, String descriptor, String cType) {
        this.javaType = javaType;
        this.descriptor = descriptor;
        this.cType = cType;
    }
}
