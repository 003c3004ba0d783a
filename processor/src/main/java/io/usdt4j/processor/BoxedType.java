// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import io.usdt4j.contract.GeneratedNames;
import io.usdt4j.description.TracerType;
import java.util.Optional;
import javax.lang.model.type.TypeKind;

/**
 * The box of a {@link PrimitiveType}, passed as that primitive: unboxed, {@code null} as 0
 * ({@code false}), to USDT and JFR alike, so that no probe throws a NullPointerException.
 */
enum BoxedType implements ArgumentType {
    BOOLEAN(PrimitiveType.BOOLEAN) {
        @Override
        CodeBlock unboxed(String value) {
            return CodeBlock.of("$N != null && $N", value, value);
        }
    },
    BYTE(PrimitiveType.BYTE),
    SHORT(PrimitiveType.SHORT),
    CHAR(PrimitiveType.CHAR),
    INT(PrimitiveType.INT),
    LONG(PrimitiveType.LONG);

    /** {@code <primitive> unbox$(<Box> value)}, one overload per box a provider passes. */
    static final String CONVERSION = GeneratedNames.conversionMethod("unbox");

    private final PrimitiveType primitive;

    BoxedType(PrimitiveType primitive) {
        this.primitive = primitive;
    }

    /** The primitive of {@code value}, a possibly null box: 0 for null. */
    CodeBlock unboxed(String value) {
        return CodeBlock.of("$N == null ? 0 : $N", value, value);
    }

    PrimitiveType primitive() {
        return primitive;
    }

    /** {@code java.lang.Integer}. */
    private ClassName box() {
        return (ClassName) primitive.javaType().box();
    }

    @Override
    public boolean accepts(ParameterType type) {
        return type.kind() == TypeKind.DECLARED && type.qualifiedName().equals(box().canonicalName());
    }

    @Override
    public TracerType tracerType() {
        return primitive.tracerType();
    }

    @Override
    public Optional<String> conversionName() {
        return Optional.of(CONVERSION);
    }

    @Override
    public Optional<MethodSpec> conversion(ProviderModel model) {
        return Optional.of(ArgumentTypes.conversionMethod(CONVERSION, primitive.javaType(), box())
                .addStatement("return $L", unboxed("value"))
                .build());
    }

    @Override
    public TypeName jfrFieldType() {
        return primitive.jfrFieldType();
    }

    @Override
    public CodeBlock jfrValue(String parameter) {
        return unboxed(parameter);
    }

    /** The box's simple name: {@code Integer}. */
    @Override
    public String displayName() {
        return box().simpleName();
    }
}
