// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import io.usdt4j.description.TracerType;
import java.util.Optional;

/**
 * A kind of Java parameter a probe accepts, and everything each output needs of it: how it is
 * recognised, how the generated Java turns it into the native's argument (and the helper method
 * that takes), what the tracer reads, its JFR event field, and its name in messages. What crosses
 * JNI, the C, the description and the bpftrace script follow from {@link #tracerType()}.
 *
 * <p>Sealed: the kinds are the {@link PrimitiveType primitives}, their {@link BoxedType boxes}
 * and the {@link ReferenceType other reference types}, each answering every question itself, so
 * that a kind added without an answer does not compile. {@link ArgumentTypes#ALL} lists them all.
 */
sealed interface ArgumentType permits PrimitiveType, BoxedType, ReferenceType {

    /** Whether a parameter of {@code type} is of this kind; no two kinds accept one type. */
    boolean accepts(ParameterType type);

    /** What a tracer reads of the argument: what the USDT note, the description and the bpftrace script say. */
    TracerType tracerType();

    /**
     * The type of the native method's parameter: the Java primitive of what the tracer reads, and
     * for a string the {@code long} address of its UTF-8 ({@link TracerType#jniType()}, which both
     * backends bind by).
     */
    default TypeName nativeType() {
        return TypeName.get(tracerType().jniType().javaType());
    }

    /** Whether a fire writes the argument into native memory and passes the native its address. */
    default boolean isString() {
        return tracerType() == TracerType.STRING;
    }

    /**
     * The name of the private static method through which a probe method passes the parameter to
     * the native, or empty when it passes the parameter as is (none but a box has one).
     */
    default Optional<String> conversionName() {
        return Optional.empty();
    }

    /** That method, {@link #conversionName} called, as {@code model}'s class declares it. */
    default Optional<MethodSpec> conversion(ProviderModel model) {
        return Optional.empty();
    }

    /**
     * The expression, in a probe's fire, that turns parameter {@code parameter} into the native's
     * argument: it calls only a method, as a parameter may hide any field or type. A
     * {@link #isString() string} writes it into {@code slot}, and ignores it otherwise.
     */
    default CodeBlock toNative(String parameter, StringSlot slot) {
        return conversionName().map(method -> CodeBlock.of("$N($N)", method, parameter))
                .orElseGet(() -> CodeBlock.of("$N", parameter));
    }

    /** The type of the argument's field in the probe's JFR event. */
    TypeName jfrFieldType();

    /** The value of that field, from parameter {@code parameter}: exactly what was passed, null included. */
    CodeBlock jfrValue(String parameter);

    /** How messages name this kind among the supported ones: {@code int}, {@code Integer}, {@code an enum}. */
    String displayName();
}
