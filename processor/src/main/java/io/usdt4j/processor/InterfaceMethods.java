// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Collects the methods of a provider interface and its superinterfaces that matter to usdt4j:
 * which the generated class inherits, which it must implement (probe and query candidates), and
 * which clash with {@link Object}'s. Reports nothing.
 */
final class InterfaceMethods {
    /**
     * The methods of one provider.
     *
     * @param inherited the methods the generated class inherits, abstract and default, in
     *     declaration order, the interface's own first
     * @param probeCandidates the abstract void methods it must implement, each once
     * @param queryCandidates the other abstract methods it must implement, each once
     */
    record Collected(List<ExecutableElement> inherited, List<ExecutableElement> probeCandidates,
                     List<ExecutableElement> queryCandidates) {}

    private final Elements elements;
    private final Types types;

    InterfaceMethods(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /**
     * The methods the interface leaves abstract, its own and inherited, in declaration order, each
     * once: not those a default method overrides (in the interface or a more specific
     * superinterface), not redeclared public {@code Object} methods, and one for the same method
     * declared by two unrelated superinterfaces.
     */
    Collected collect(TypeElement type) {
        List<ExecutableElement> declared = new ArrayList<>();
        Set<TypeElement> visited = new HashSet<>();
        Deque<TypeElement> pending = new ArrayDeque<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            TypeElement next = pending.removeFirst();
            if (visited.add(next)) {
                declared.addAll(ElementFilter.methodsIn(next.getEnclosedElements()));
                for (TypeMirror superinterface : next.getInterfaces()) {
                    pending.addLast((TypeElement) types.asElement(superinterface));
                }
            }
        }
        List<ExecutableElement> inherited = declared.stream()
                .filter(method -> !method.getModifiers().contains(Modifier.STATIC)
                        && !method.getModifiers().contains(Modifier.PRIVATE))
                .toList();
        List<ExecutableElement> probes = new ArrayList<>();
        List<ExecutableElement> queries = new ArrayList<>();
        List<ExecutableElement> chosen = new ArrayList<>();
        for (ExecutableElement method : declared) {
            if (method.getModifiers().contains(Modifier.ABSTRACT)
                    && !matchesObjectMethod(method, Modifier.PUBLIC)
                    && declared.stream().noneMatch(other -> other != method && elements.overrides(other, method, type))
                    && chosen.stream().noneMatch(earlier -> sameSignature(type, earlier, method))) {
                chosen.add(method);
                (method.getReturnType().getKind() == TypeKind.VOID ? probes : queries).add(method);
            }
        }
        return new Collected(inherited, probes, queries);
    }

    /** {@code void clone()} or {@code void finalize()}: the generated class would override Object's. */
    boolean overridesProtectedObjectMethod(ExecutableElement method) {
        return matchesObjectMethod(method, Modifier.PROTECTED);
    }

    /**
     * Whether {@code method} has the signature of an {@code Object} method with {@code access}:
     * public ones ({@code String toString();}) every class implements already, so they are no
     * probes; protected ones a probe must not override.
     */
    private boolean matchesObjectMethod(ExecutableElement method, Modifier access) {
        TypeElement object = elements.getTypeElement(Object.class.getCanonicalName());
        for (ExecutableElement objectMethod : ElementFilter.methodsIn(object.getEnclosedElements())) {
            if (objectMethod.getModifiers().contains(access)
                    && objectMethod.getSimpleName().contentEquals(method.getSimpleName())
                    && types.isSubsignature((ExecutableType) method.asType(), (ExecutableType) objectMethod.asType())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code a} and {@code b}, as members of {@code type}, are one method to an implementation. */
    private boolean sameSignature(TypeElement type, ExecutableElement a, ExecutableElement b) {
        DeclaredType site = (DeclaredType) type.asType();
        return a.getSimpleName().contentEquals(b.getSimpleName())
                && types.isSubsignature((ExecutableType) types.asMemberOf(site, a), (ExecutableType) types.asMemberOf(site, b));
    }
}
