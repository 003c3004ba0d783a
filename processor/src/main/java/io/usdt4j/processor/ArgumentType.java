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
 * that takes), what crosses JNI, what the tracer reads, its JFR event field, and its name in
 * messages. The C, the description and the bpftrace script follow from {@link #tracerType()}.
 *
 * <p>Sealed: the kinds are the {@link PrimitiveType primitives}, their {@link BoxedType boxes}
 * and the {@link ReferenceType other reference types}, each answering every question itself, so
 * that a kind added without an answer does not compile. {@link ArgumentTypes#ALL} lists them all.
 */
sealed interface ArgumentType permits PrimitiveType, BoxedType, ReferenceType {

    /** Whether a parameter of {@code type} is of this kind; no two kinds accept one type. */
    boolean accepts(ParameterType type);

    /** What crosses JNI: the native method's parameter for this kind. */
    JniType jni();

    /** What a tracer reads of the argument: what the USDT note, the description and the bpftrace script say. */
    TracerType tracerType();

    /**
     * The name of the private static method through which a probe method passes the parameter to
     * the native, or empty when it passes the parameter as is.
     */
    Optional<String> conversionName();

    /** That method, {@link #conversionName} called, as {@code model}'s class declares it. */
    Optional<MethodSpec> conversion(ProviderModel model);

    /**
     * The expression, in a probe method, that turns parameter {@code parameter} into the native's
     * argument: it calls only a method, as a parameter may hide any field or type.
     */
    default CodeBlock toNative(String parameter) {
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
