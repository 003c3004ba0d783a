// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.List;

/**
 * Where a provider's probes go, and what that adds to the generated class: {@link UsdtSink}
 * always, {@link JfrSink} too with {@code jfr = true}. {@link JavaGenerator} lays the class out and
 * asks each sink of {@link #of the provider}, in order, for its part of each place; it knows no
 * sink by name.
 *
 * <p>A probe method and an is-enabled query may name the interface's parameters only, which may
 * hide any field or type: what a sink puts there calls methods only.
 */
interface ProviderSink {

    /** The sinks of {@code model}'s provider, in the order their parts appear. */
    static List<ProviderSink> of(ProviderModel model) {
        return model.jfr() ? List.of(UsdtSink.INSTANCE, JfrSink.INSTANCE) : List.of(UsdtSink.INSTANCE);
    }

    /** A paragraph of the class's Javadoc, or an empty block. */
    CodeBlock javadoc(ProviderModel model);

    /** The static fields, before {@code INSTANCE}. */
    List<FieldSpec> fields(ProviderModel model);

    /** Statements of {@code probe}'s method: each guarded, so that a probe nobody records costs a read and a branch. */
    CodeBlock probeBody(ProviderModel model, ProbeModel probe);

    /** This sink's part of {@code probe}'s is-enabled query: the query is true while any sink's condition is. */
    Condition enabled(ProviderModel model, ProbeModel probe);

    /** The private methods the probe methods and queries call. */
    List<MethodSpec> methods(ProviderModel model);

    /** The methods those call in turn (conversions, natives), after every sink's {@link #methods}. */
    List<MethodSpec> helperMethods(ProviderModel model);

    /** The nested types. */
    List<TypeSpec> types(ProviderModel model);

    /**
     * Part of an is-enabled query: {@code test}, an expression, and {@code description}, how its
     * Javadoc says when that is true ({@code a tracer is attached to ...}).
     */
    record Condition(CodeBlock test, CodeBlock description) {}
}
