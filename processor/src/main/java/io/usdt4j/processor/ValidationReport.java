// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * What validating one {@code @UsdtProvider} element found: every error, each placed where javac
 * can show it, and the provider's model when there was no error. Validation only builds it;
 * {@link UsdtProcessor} prints it and hands the model, if any, to the generators.
 */
final class ValidationReport {
    /**
     * One error: {@code message} with its {@code arguments}, reported on {@code element}, on its
     * {@code annotation} (or null), on that annotation's {@code value} (or null).
     */
    record Item(Message message, List<Object> arguments, Element element, AnnotationMirror annotation,
                AnnotationValue value) {
        /** {@code [usdt4j:<id>] ...}, as javac shows it. */
        String text() {
            return message.format(arguments.toArray());
        }
    }

    private final List<Item> items;
    private final ProviderModel model;

    private ValidationReport(List<Item> items, ProviderModel model) {
        this.items = List.copyOf(items);
        this.model = items.isEmpty() ? model : null;
    }

    List<Item> items() {
        return items;
    }

    boolean isClean() {
        return items.isEmpty();
    }

    /** The model, present exactly when the report has no error. */
    Optional<ProviderModel> model() {
        return Optional.ofNullable(model);
    }

    void printTo(Messager messager) {
        for (Item item : items) {
            if (item.value() != null) {
                messager.printMessage(Diagnostic.Kind.ERROR, item.text(), item.element(), item.annotation(), item.value());
            } else if (item.annotation() != null) {
                messager.printMessage(Diagnostic.Kind.ERROR, item.text(), item.element(), item.annotation());
            } else {
                messager.printMessage(Diagnostic.Kind.ERROR, item.text(), item.element());
            }
        }
    }

    /**
     * Collects the errors of one annotated element, and decides where each goes: on the element at
     * fault when javac can point at it; otherwise (a method inherited from a compiled
     * superinterface, say) on the element validated, whose message names the one at fault.
     */
    static final class Builder {
        private final Element subject;
        private final Predicate<Element> hasSource;
        private final List<Item> items = new ArrayList<>();

        /**
         * @param subject the annotated element being validated
         * @param hasSource whether javac can point at an element: false for one read from a class file
         */
        Builder(Element subject, Predicate<Element> hasSource) {
            this.subject = subject;
            this.hasSource = hasSource;
        }

        /** How many errors so far: a check compares before and after to know whether it passed. */
        int errorCount() {
            return items.size();
        }

        boolean isClean() {
            return items.isEmpty();
        }

        /** An error on {@code element}, or on the subject when javac cannot point at it. */
        Builder error(Element element, Message message, Object... arguments) {
            items.add(new Item(message, List.of(arguments), hasSource.test(element) ? element : subject, null, null));
            return this;
        }

        /**
         * An error on the value of {@code annotation}'s member {@code member} on {@code element}; on the
         * annotation when that member is implicit (its default); on the subject when javac cannot
         * point at {@code element}.
         */
        Builder errorOnValue(Element element, Class<? extends Annotation> annotation, String member, Message message,
                             Object... arguments) {
            if (hasSource.test(element)) {
                for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
                    if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
                            .contentEquals(annotation.getCanonicalName())) {
                        items.add(new Item(message, List.of(arguments), element, mirror, value(mirror, member)));
                        return this;
                    }
                }
            }
            return error(element, message, arguments);
        }

        private static AnnotationValue value(AnnotationMirror mirror, String member) {
            for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues().entrySet()) {
                if (entry.getKey().getSimpleName().contentEquals(member)) {
                    return entry.getValue();
                }
            }
            return null;
        }

        /** The report; {@code model} is kept only if no error was reported. */
        ValidationReport build(ProviderModel model) {
            return new ValidationReport(items, model);
        }

        ValidationReport build() {
            return build(null);
        }
    }
}
