// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One probe: the interface method that fires it and the USDT name tracers use; {@code description}
 * is the main description of the method's Javadoc, whitespace collapsed, or null without one.
 */
record ProbeModel(ExecutableElement method, String name, List<Argument> arguments, String description) {

    /**
     * A probe argument: the parameter's name and type as declared ({@code javaType}, resolved
     * against the provider), and the kind of argument that passes it ({@code type}), which knows
     * everything else. {@code displayType} is the type as a reader writes it ({@code String}),
     * {@code qualifiedType} its qualified name ({@code java.lang.String}), both without type
     * annotations.
     */
    record Argument(String name, ArgumentType type, TypeMirror javaType, String displayType, String qualifiedType) {}

    /** {@code usdt4j.shop.order_placed}: the probe's JFR event. */
    String jfrEventName(String provider) {
        return io.usdt4j.contract.GeneratedNames.jfrEventName(provider, name);
    }

    String methodName() {
        return method.getSimpleName().toString();
    }

    /** Unique among the provider's probes, and not a name a user writes. */
    String nativeMethodName() {
        return io.usdt4j.contract.NativeContract.fireMethodName(name);
    }

    /** Unique among the provider's probes, and not a name a user writes. */
    String semaphoreFieldName() {
        return io.usdt4j.contract.GeneratedNames.ProbeMember.SEMAPHORE_FIELD.of(name);
    }

    /** Reads the probe's semaphore; a method, so that no parameter name can hide what it reads. */
    String activeMethodName() {
        return io.usdt4j.contract.GeneratedNames.ProbeMember.ACTIVE_METHOD.of(name);
    }

    String jniSignature() {
        return io.usdt4j.contract.NativeContract.fireDescriptor(
                arguments.stream().map(a -> a.type().tracerType().jniType().descriptor()).toList());
    }

    /** Whether a fire writes any argument into native memory ({@link ArgumentType#isString()}). */
    boolean hasStrings() {
        return arguments.stream().anyMatch(a -> a.type().isString());
    }

    /** {@code traced$order_placed}: fires a probe {@link #hasStrings() with strings}. */
    String tracedMethodName() {
        return io.usdt4j.contract.GeneratedNames.ProbeMember.TRACED_METHOD.of(name);
    }

    /** {@code orderPlaced(long orderId, String sku)}, for comments and Javadoc. */
    String javaSignature() {
        return arguments.stream().map(a -> a.displayType() + " " + a.name())
                .collect(Collectors.joining(", ", methodName() + "(", ")"));
    }
}
