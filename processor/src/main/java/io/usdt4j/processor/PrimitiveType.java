// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.usdt4j.description.TracerType;
import java.util.Locale;
import javax.lang.model.type.TypeKind;

/**
 * A Java primitive a probe passes as is: to the native (whose parameter, from
 * {@link TracerType#jniType()}, is this very primitive), to the tracer and to JFR.
 */
enum PrimitiveType implements ArgumentType {
    /** Read as {@link TracerType#BOOL}: one unsigned byte, 0 or 1. */
    BOOLEAN(TypeKind.BOOLEAN, TypeName.BOOLEAN, TracerType.BOOL),
    BYTE(TypeKind.BYTE, TypeName.BYTE, TracerType.INT8),
    SHORT(TypeKind.SHORT, TypeName.SHORT, TracerType.INT16),
    /** One UTF-16 code unit, unsigned. */
    CHAR(TypeKind.CHAR, TypeName.CHAR, TracerType.UINT16),
    INT(TypeKind.INT, TypeName.INT, TracerType.INT32),
    LONG(TypeKind.LONG, TypeName.LONG, TracerType.INT64);

    private final TypeKind kind;
    private final TypeName javaType;
    private final TracerType tracerType;

    PrimitiveType(TypeKind kind, TypeName javaType, TracerType tracerType) {
        this.kind = kind;
        this.javaType = javaType;
        this.tracerType = tracerType;
    }

    /** The primitive itself: {@code int}. */
    TypeName javaType() {
        return javaType;
    }

    @Override
    public boolean accepts(ParameterType type) {
        return type.kind() == kind;
    }

    @Override
    public TracerType tracerType() {
        return tracerType;
    }

    @Override
    public TypeName jfrFieldType() {
        return javaType;
    }

    @Override
    public CodeBlock jfrValue(String parameter) {
        return CodeBlock.of("$N", parameter);
    }

    /** The keyword: {@code int}. */
    @Override
    public String displayName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
