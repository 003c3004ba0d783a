// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Maps a probe parameter's type to the {@link ArgumentType} it crosses JNI as and the
 * {@link ProbeModel.Conversion} that gets it there; knows nothing of messages.
 */
final class ArgumentTypeMapper {
    private static final Map<String, ArgumentType> BOXES = Map.of(
            "java.lang.Boolean", ArgumentType.BOOLEAN,
            "java.lang.Byte", ArgumentType.BYTE,
            "java.lang.Short", ArgumentType.SHORT,
            "java.lang.Character", ArgumentType.CHAR,
            "java.lang.Integer", ArgumentType.INT,
            "java.lang.Long", ArgumentType.LONG);
    private static final Set<String> FLOATING_POINT_BOXES = Set.of("java.lang.Float", "java.lang.Double");

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
        ArgumentType primitive = switch (type.getKind()) {
            case BOOLEAN -> ArgumentType.BOOLEAN;
            case BYTE -> ArgumentType.BYTE;
            case SHORT -> ArgumentType.SHORT;
            case CHAR -> ArgumentType.CHAR;
            case INT -> ArgumentType.INT;
            case LONG -> ArgumentType.LONG;
            default -> null;
        };
        if (primitive != null) {
            // From the kind, not toString(), which would carry type annotations (@Nullable int).
            String keyword = type.getKind().name().toLowerCase(Locale.ROOT);
            return Optional.of(new ProbeModel.Argument(name, primitive, ProbeModel.Conversion.NONE, type, keyword, keyword));
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        TypeElement element = (TypeElement) types.asElement(type);
        String display = element.getSimpleName().toString();
        String qualified = element.getQualifiedName().toString();
        ArgumentType boxed = BOXES.get(qualified);
        if (boxed != null) {
            return Optional.of(new ProbeModel.Argument(name, boxed, ProbeModel.Conversion.UNBOX, type, display, qualified));
        }
        // An enum that is also a CharSequence passes its name, as every enum does.
        if (element.getKind() == ElementKind.ENUM) {
            return Optional.of(new ProbeModel.Argument(name, ArgumentType.STRING, ProbeModel.Conversion.ENUM_NAME, type,
                    display, qualified));
        }
        if (qualified.equals(String.class.getName())) {
            return Optional.of(new ProbeModel.Argument(name, ArgumentType.STRING, ProbeModel.Conversion.NONE, type,
                    display, qualified));
        }
        if (types.isAssignable(type, charSequence)) {
            return Optional.of(new ProbeModel.Argument(name, ArgumentType.STRING, ProbeModel.Conversion.CHARACTERS, type,
                    display, qualified));
        }
        return Optional.empty();
    }

    /** {@code float}, {@code double} or their boxes: refused with a message of their own. */
    boolean isFloatingPoint(TypeMirror type) {
        return switch (type.getKind()) {
            case FLOAT, DOUBLE -> true;
            case DECLARED -> FLOATING_POINT_BOXES.contains(((TypeElement) types.asElement(type)).getQualifiedName().toString());
            default -> false;
        };
    }
}
