// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import java.util.List;
import java.util.Locale;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/** How messages name elements and types: as the reader wrote them. */
final class Readable {
    private Readable() {}

    /** {@code Probes.fired(int, String)}: the parameter types tell overloads apart. */
    static String method(ExecutableElement method) {
        StringBuilder out = new StringBuilder()
                .append(method.getEnclosingElement().getSimpleName()).append('.').append(method.getSimpleName()).append('(');
        List<? extends VariableElement> parameters = method.getParameters();
        for (int i = 0; i < parameters.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(type(parameters.get(i).asType()));
        }
        return out.append(')').toString();
    }

    /** {@code java.util.List<java.lang.String>} → {@code List<String>}. */
    static String type(TypeMirror type) {
        return type.toString().replaceAll("\\b(?:[a-z_$][\\w$]*\\.)+(?=[A-Za-z_$])", "");
    }

    /** {@code an enum}, {@code a class}: what a type declaration is. */
    static String kindWithArticle(ElementKind kind) {
        return switch (kind) {
            case ENUM -> "an enum";
            case ANNOTATION_TYPE -> "an annotation type";
            case CLASS -> "a class";
            default -> "a " + kind.toString().toLowerCase(Locale.ROOT);
        };
    }
}
