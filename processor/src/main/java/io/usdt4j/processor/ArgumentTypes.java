// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every {@link ArgumentType}, and what is said of them together. */
final class ArgumentTypes {
    /** Every kind, in the order messages list them and a generated class declares their conversions. */
    static final List<ArgumentType> ALL = all();

    private ArgumentTypes() {}

    private static List<ArgumentType> all() {
        List<ArgumentType> all = new ArrayList<>(List.of(PrimitiveType.values()));
        all.addAll(List.of(BoxedType.values()));
        all.addAll(List.of(ReferenceType.values()));
        return List.copyOf(all);
    }

    /** The kind of a parameter of {@code type}, or empty when a probe cannot pass it. */
    static Optional<ArgumentType> of(ParameterType type) {
        return ALL.stream().filter(kind -> kind.accepts(type)).findFirst();
    }

    /**
     * For messages: {@code boolean, byte, short, char, int or long (or their boxed types), String or
     * another CharSequence, or an enum}, each kind by its {@link ArgumentType#displayName}.
     */
    static String describe() {
        List<String> phrases = new ArrayList<>();
        // Every primitive has its box (a test checks), so the boxes go without their names.
        phrases.add(orList(displayNames(List.of(PrimitiveType.values()))) + " (or their boxed types)");
        Map<ReferenceType.Group, List<ArgumentType>> groups = new EnumMap<>(ReferenceType.Group.class);
        for (ReferenceType type : ReferenceType.values()) {
            groups.computeIfAbsent(type.group(), group -> new ArrayList<>()).add(type);
        }
        for (List<ArgumentType> group : groups.values()) {
            phrases.add(orList(displayNames(group)));
        }
        String last = phrases.remove(phrases.size() - 1);
        return phrases.isEmpty() ? last : String.join(", ", phrases) + ", or " + last;
    }

    /** The names of the conversion methods the kinds may add to a generated class, each once, for messages. */
    static List<String> conversionNames() {
        Set<String> names = new LinkedHashSet<>();
        for (ArgumentType type : ALL) {
            type.conversionName().ifPresent(names::add);
        }
        return List.copyOf(names);
    }

    /** The conversion methods {@code used} kinds call, each once, in the order of {@link #ALL}. */
    static List<MethodSpec> conversions(Set<ArgumentType> used, ProviderModel model) {
        List<MethodSpec> methods = new ArrayList<>();
        for (ArgumentType type : ALL) {
            if (used.contains(type)) {
                type.conversion(model).ifPresent(methods::add);
            }
        }
        return methods;
    }

    /**
     * The start of a kind's conversion method: {@code private static <returns> <name>(<parameter> value)};
     * the kind adds its body.
     */
    static MethodSpec.Builder conversionMethod(String name, TypeName returns, TypeName parameter) {
        return MethodSpec.methodBuilder(name)
                .addModifiers(javax.lang.model.element.Modifier.PRIVATE, javax.lang.model.element.Modifier.STATIC)
                .returns(returns)
                .addParameter(parameter, "value");
    }

    private static List<String> displayNames(List<? extends ArgumentType> types) {
        return types.stream().map(ArgumentType::displayName).toList();
    }

    /** {@code a, b or c}. */
    private static String orList(List<String> names) {
        int last = names.size() - 1;
        return last == 0 ? names.get(0) : String.join(", ", names.subList(0, last)) + " or " + names.get(last);
    }
}
