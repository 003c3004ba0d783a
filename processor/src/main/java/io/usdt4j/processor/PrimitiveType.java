// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import io.usdt4j.description.TracerType;
import java.util.Locale;
import java.util.Optional;
import javax.lang.model.type.TypeKind;

/** A Java primitive a probe passes as is: to the native, to the tracer and to JFR. */
enum PrimitiveType implements ArgumentType {
    /** Read as {@link TracerType#BOOL}: one unsigned byte, 0 or 1. */
    BOOLEAN(TypeKind.BOOLEAN, JniType.BOOLEAN, TracerType.BOOL),
    BYTE(TypeKind.BYTE, JniType.BYTE, TracerType.INT8),
    SHORT(TypeKind.SHORT, JniType.SHORT, TracerType.INT16),
    /** One UTF-16 code unit, unsigned. */
    CHAR(TypeKind.CHAR, JniType.CHAR, TracerType.UINT16),
    INT(TypeKind.INT, JniType.INT, TracerType.INT32),
    LONG(TypeKind.LONG, JniType.LONG, TracerType.INT64);

    private final TypeKind kind;
    private final JniType jni;
    private final TracerType tracerType;

    PrimitiveType(TypeKind kind, JniType jni, TracerType tracerType) {
        this.kind = kind;
        this.jni = jni;
        this.tracerType = tracerType;
    }

    @Override
    public boolean accepts(ParameterType type) {
        return type.kind() == kind;
    }

    @Override
    public JniType jni() {
        return jni;
    }

    @Override
    public TracerType tracerType() {
        return tracerType;
    }

    @Override
    public Optional<String> conversionName() {
        return Optional.empty();
    }

    @Override
    public Optional<MethodSpec> conversion(ProviderModel model) {
        return Optional.empty();
    }

    @Override
    public TypeName jfrFieldType() {
        return jni.javaType;
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
