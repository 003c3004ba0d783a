// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import javax.lang.model.type.TypeKind;

/**
 * A probe parameter's type, as far as the {@link ArgumentType}s recognise one: read from its
 * {@code TypeMirror} once, so that each kind's {@link ArgumentType#accepts} is a plain test.
 *
 * @param kind its kind: a primitive's, or {@link TypeKind#DECLARED} for a class or interface
 * @param qualifiedName a declared type's qualified name ({@code java.lang.String}), without type
 *     arguments; a primitive's keyword ({@code int}); empty for other kinds
 * @param isEnum whether it is an enum
 * @param isCharSequence whether it is assignable to {@code CharSequence}
 */
record ParameterType(TypeKind kind, String qualifiedName, boolean isEnum, boolean isCharSequence) {

    /** A declared type that is exactly {@code type}. */
    boolean is(Class<?> type) {
        return kind == TypeKind.DECLARED && qualifiedName.equals(type.getCanonicalName());
    }
}
