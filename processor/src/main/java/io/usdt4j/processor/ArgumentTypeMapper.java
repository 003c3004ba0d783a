// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import java.util.Locale;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Maps a probe parameter's type to the {@link ArgumentType} that passes it: reads the
 * {@code TypeMirror} into a {@link ParameterType} and asks the kinds; knows nothing of messages.
 */
final class ArgumentTypeMapper {
    private final Types types;
    private final TypeMirror charSequence;

    ArgumentTypeMapper(Elements elements, Types types) {
        this.types = types;
        this.charSequence = elements.getTypeElement(CharSequence.class.getCanonicalName()).asType();
    }

    /**
     * The argument a parameter {@code name} of {@code type} (as a member of the provider) passes,
     * or empty when a probe cannot pass that type.
     */
    Optional<ProbeModel.Argument> argument(String name, TypeMirror type) {
        ParameterType parameter = parameterType(type);
        // From the kind or the element, not toString(), which would carry type annotations (@Nullable int).
        String display = type.getKind() == TypeKind.DECLARED
                ? types.asElement(type).getSimpleName().toString() : parameter.qualifiedName();
        return ArgumentTypes.of(parameter)
                .map(kind -> new ProbeModel.Argument(name, kind, type, display, parameter.qualifiedName()));
    }

    /** {@code float}, {@code double} or their boxes: refused with a message of their own. */
    boolean isFloatingPoint(TypeMirror type) {
        ParameterType parameter = parameterType(type);
        return switch (type.getKind()) {
            case FLOAT, DOUBLE -> true;
            case DECLARED -> parameter.is(Float.class) || parameter.is(Double.class);
            default -> false;
        };
    }

    private ParameterType parameterType(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return new ParameterType(type.getKind(), type.getKind().name().toLowerCase(Locale.ROOT), false, false);
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return new ParameterType(type.getKind(), "", false, false);
        }
        TypeElement element = (TypeElement) types.asElement(type);
        return new ParameterType(TypeKind.DECLARED, element.getQualifiedName().toString(),
                element.getKind() == ElementKind.ENUM, types.isAssignable(type, charSequence));
    }
}
