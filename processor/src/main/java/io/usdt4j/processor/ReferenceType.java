// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import io.usdt4j.contract.GeneratedNames;
import io.usdt4j.description.TracerType;
import java.util.Optional;
import javax.lang.model.type.TypeKind;

/**
 * A reference type other than a box, each with a conversion of its own. A new kind of argument is
 * usually one more constant here, which must answer every question of {@link ArgumentType}.
 */
enum ReferenceType implements ArgumentType {
    /**
     * Passed as is: the native encodes it as UTF-8 into a stack buffer, and the probe receives a
     * pointer to that NUL-terminated copy, or 0 for null.
     */
    STRING("String", Group.TEXT, JniType.STRING, TracerType.STRING) {
        @Override
        public boolean accepts(ParameterType type) {
            return type.is(String.class);
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
        public CodeBlock jfrValue(String parameter) {
            return CodeBlock.of("$N", parameter);
        }
    },

    /**
     * Any other {@code CharSequence} (but an enum): a {@code String} of at most the provider's limit
     * plus one chars of it, all the native can encode, which the probe allocates; {@code null} as
     * pointer 0.
     */
    CHAR_SEQUENCE("another CharSequence", Group.TEXT, JniType.STRING, TracerType.STRING) {
        private static final String CONVERSION = GeneratedNames.conversionMethod("utf8");

        @Override
        public boolean accepts(ParameterType type) {
            return type.kind() == TypeKind.DECLARED && type.isCharSequence() && !type.isEnum() && !type.is(String.class);
        }

        @Override
        public Optional<String> conversionName() {
            return Optional.of(CONVERSION);
        }

        /**
         * The native encodes at most maxStringBytes chars (each is at least one byte) and looks at one
         * more, to tell a surrogate pair from a lone high surrogate; so a longer sequence passes only
         * that prefix, and a String passes as is.
         */
        @Override
        public Optional<MethodSpec> conversion(ProviderModel model) {
            int chars = model.maxStringBytes() + 1;
            return Optional.of(ArgumentTypes.conversionMethod(CONVERSION, STRING_TYPE, ClassName.get(CharSequence.class))
                    .beginControlFlow("if (value == null || value instanceof $T)", String.class)
                    .addStatement("return ($T) value", String.class)
                    .endControlFlow()
                    .addStatement("return (value.length() <= $L ? value : value.subSequence(0, $L)).toString()", chars, chars)
                    .build());
        }

        /** The whole sequence, not cut to maxStringBytes. */
        @Override
        public CodeBlock jfrValue(String parameter) {
            return CodeBlock.of("$N == null ? null : $N.toString()", parameter, parameter);
        }
    },

    /** An enum, even one that is a CharSequence: its constant's {@code name()}, as a string; {@code null} as pointer 0. */
    ENUM("an enum", Group.OTHER, JniType.STRING, TracerType.STRING) {
        private static final String CONVERSION = GeneratedNames.conversionMethod("enumName");

        @Override
        public boolean accepts(ParameterType type) {
            return type.kind() == TypeKind.DECLARED && type.isEnum();
        }

        @Override
        public Optional<String> conversionName() {
            return Optional.of(CONVERSION);
        }

        @Override
        public Optional<MethodSpec> conversion(ProviderModel model) {
            return Optional.of(ArgumentTypes.conversionMethod(CONVERSION, STRING_TYPE,
                            ParameterizedTypeName.get(ClassName.get(Enum.class), WildcardTypeName.subtypeOf(Object.class)))
                    .addStatement("return value == null ? null : value.name()")
                    .build());
        }

        @Override
        public CodeBlock jfrValue(String parameter) {
            return CodeBlock.of("$N == null ? null : $N.name()", parameter, parameter);
        }
    };

    private static final TypeName STRING_TYPE = JniType.STRING.javaType;

    /** How messages group the kinds: {@code String or another CharSequence, or an enum}. */
    enum Group {
        /** Character sequences. */
        TEXT,
        /** Every other kind. */
        OTHER
    }

    private final String displayName;
    private final Group group;
    private final JniType jni;
    private final TracerType tracerType;

    ReferenceType(String displayName, Group group, JniType jni, TracerType tracerType) {
        this.displayName = displayName;
        this.group = group;
        this.jni = jni;
        this.tracerType = tracerType;
    }

    Group group() {
        return group;
    }

    @Override
    public JniType jni() {
        return jni;
    }

    @Override
    public TracerType tracerType() {
        return tracerType;
    }

    /** The type the native takes: JFR records what USDT passes, only never cut short. */
    @Override
    public TypeName jfrFieldType() {
        return jni.javaType;
    }

    @Override
    public String displayName() {
        return displayName;
    }
}
