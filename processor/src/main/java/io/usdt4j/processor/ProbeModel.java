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
     * against the provider), how it crosses JNI ({@code type}), and how the Java value becomes
     * that ({@code conversion}). {@code displayType} is the type as a reader writes it
     * ({@code String}), {@code qualifiedType} its qualified name ({@code java.lang.String}), both
     * without type annotations.
     */
    record Argument(String name, ArgumentType type, Conversion conversion, TypeMirror javaType, String displayType,
                    String qualifiedType) {
        /** The type of the argument's field in the probe's JFR event: the primitive, or {@code String}. */
        com.palantir.javapoet.TypeName jfrFieldType() {
            return type == ArgumentType.STRING ? com.palantir.javapoet.ClassName.get(String.class) : type.nativeJavaType;
        }
    }

    /** How a declared parameter becomes the value the native method takes. */
    enum Conversion {
        /** A primitive or a {@code String}, passed as is; a {@code null} String as pointer 0. */
        NONE,
        /** {@code Integer} and the other boxes: unboxed, {@code null} as 0. */
        UNBOX,
        /**
         * Any other {@code CharSequence}: a {@code String} of at most the provider's limit plus one
         * chars of it (all the native can encode), which the fire allocates; {@code null} as pointer 0.
         */
        CHARACTERS,
        /** An enum: its constant's {@code name()}, as for a string; {@code null} as pointer 0. */
        ENUM_NAME
    }

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
        return io.usdt4j.contract.GeneratedNames.semaphoreField(name);
    }

    /** Reads the probe's semaphore; a method, so that no parameter name can hide what it reads. */
    String activeMethodName() {
        return io.usdt4j.contract.GeneratedNames.activeMethod(name);
    }

    String jniSignature() {
        return io.usdt4j.contract.NativeContract.fireDescriptor(arguments.stream().map(a -> a.type().jniDescriptor).toList());
    }

    /** {@code orderPlaced(long orderId, String sku)}, for comments and Javadoc. */
    String javaSignature() {
        return arguments.stream().map(a -> a.displayType() + " " + a.name())
                .collect(Collectors.joining(", ", methodName() + "(", ")"));
    }
}
