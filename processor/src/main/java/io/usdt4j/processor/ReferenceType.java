// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.usdt4j.description.TracerType;
import javax.lang.model.type.TypeKind;

/**
 * A reference type other than a box: each is read as a string, which a traced fire writes into
 * native memory in a way of its own ({@link #toNative}). A new kind of argument is usually one more
 * constant here, which must answer every question of {@link ArgumentType}.
 */
enum ReferenceType implements ArgumentType {
    /**
     * Written by the fire into native memory as UTF-8 ({@code StringScratch.Lease.string}): the
     * native takes the address of that NUL-terminated copy, or 0 for null.
     */
    STRING("String", Group.TEXT) {
        @Override
        public boolean accepts(ParameterType type) {
            return type.is(String.class);
        }

        @Override
        public CodeBlock toNative(String parameter, StringSlot slot) {
            return CodeBlock.of("$N.string($N, $L)", slot.lease(), parameter, slot.index());
        }

        @Override
        public CodeBlock jfrValue(String parameter) {
            return CodeBlock.of("$N", parameter);
        }
    },

    /**
     * Any other {@code CharSequence} (but an enum), written as a string is: at most the provider's
     * limit plus one chars of it, read through {@code charAt}, all that can fit; nothing allocated.
     */
    CHAR_SEQUENCE("another CharSequence", Group.TEXT) {
        @Override
        public boolean accepts(ParameterType type) {
            return type.kind() == TypeKind.DECLARED && type.isCharSequence() && !type.isEnum() && !type.is(String.class);
        }

        @Override
        public CodeBlock toNative(String parameter, StringSlot slot) {
            return CodeBlock.of("$N.charSequence($N, $L)", slot.lease(), parameter, slot.index());
        }

        /** The whole sequence, not cut to maxStringBytes. */
        @Override
        public CodeBlock jfrValue(String parameter) {
            return CodeBlock.of("$N == null ? null : $N.toString()", parameter, parameter);
        }
    },

    /** An enum, even one that is a CharSequence: its constant's {@code name()}, as a string; {@code null} as 0. */
    ENUM("an enum", Group.OTHER) {
        @Override
        public boolean accepts(ParameterType type) {
            return type.kind() == TypeKind.DECLARED && type.isEnum();
        }

        @Override
        public CodeBlock toNative(String parameter, StringSlot slot) {
            return CodeBlock.of("$N.enumName($N, $L)", slot.lease(), parameter, slot.index());
        }

        @Override
        public CodeBlock jfrValue(String parameter) {
            return CodeBlock.of("$N == null ? null : $N.name()", parameter, parameter);
        }
    };

    /** How messages group the kinds: {@code String or another CharSequence, or an enum}. */
    enum Group {
        /** Character sequences. */
        TEXT,
        /** Every other kind. */
        OTHER
    }

    private final String displayName;
    private final Group group;

    ReferenceType(String displayName, Group group) {
        this.displayName = displayName;
        this.group = group;
    }

    Group group() {
        return group;
    }

    /** Every one is read as a string. */
    @Override
    public TracerType tracerType() {
        return TracerType.STRING;
    }

    /** A string: JFR records what USDT passes, only never cut short. */
    @Override
    public TypeName jfrFieldType() {
        return ClassName.get(String.class);
    }

    @Override
    public String displayName() {
        return displayName;
    }
}
