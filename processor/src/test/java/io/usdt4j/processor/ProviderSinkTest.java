// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.usdt4j.contract.GeneratedNames;
import io.usdt4j.contract.NativeContract;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What each sink adds to a provider class, part by part (the golden files show the parts laid out
 * together): USDT always, JFR with {@code jfr = true}.
 */
class ProviderSinkTest {
    private static final ProbeModel FIRED = new ProbeModel(null, "fired", List.of(
            new ProbeModel.Argument("id", PrimitiveType.LONG, null, "long", "long"),
            new ProbeModel.Argument("count", BoxedType.INT, null, "Integer", "java.lang.Integer"),
            new ProbeModel.Argument("text", ReferenceType.CHAR_SEQUENCE, null, "CharSequence", "java.lang.CharSequence"),
            new ProbeModel.Argument("other", BoxedType.INT, null, "Integer", "java.lang.Integer")), null);
    private static final ProbeModel TICK = new ProbeModel(null, "tick", List.of(), null);
    private static final ProbeModel BOXED = new ProbeModel(null, "boxed", List.of(
            new ProbeModel.Argument("id", PrimitiveType.LONG, null, "long", "long"),
            new ProbeModel.Argument("count", BoxedType.INT, null, "Integer", "java.lang.Integer")), null);

    private static ProviderModel model(boolean jfr) {
        return model(jfr, List.of(FIRED, TICK));
    }

    private static ProviderModel model(boolean jfr, List<ProbeModel> probes) {
        return new ProviderModel(null, ClassName.get("com.example", "Probes"), ClassName.get("com.example", "ProbesUsdt"),
                "probes", 15, probes, List.of(), Set.of(), new ProviderModel.Origin(true, null), jfr);
    }

    @Test
    void jfrAddsItsSinkAfterUsdt() {
        assertEquals(List.of(UsdtSink.INSTANCE), ProviderSink.of(model(false)));
        assertEquals(List.of(UsdtSink.INSTANCE, JfrSink.INSTANCE), ProviderSink.of(model(true)));
    }

    @Test
    void usdtFiresTheNativeWithEachArgumentConvertedByItsKind() {
        assertEquals("""
                if (active$boxed()) {
                  fire$boxed(id, unbox$(count));
                }
                """, UsdtSink.INSTANCE.probeBody(model(false, List.of(BOXED)), BOXED).toString());
        assertEquals("""
                if (active$fired()) {
                  traced$fired(id, count, text, other);
                }
                """, UsdtSink.INSTANCE.probeBody(model(false), FIRED).toString(), "strings: through traced$");
        assertEquals("""
                if (active$tick()) {
                  fire$tick();
                }
                """, UsdtSink.INSTANCE.probeBody(model(false), TICK).toString());
    }

    @Test
    void jfrCommitsTheArgumentsAsDeclared() {
        assertEquals("""
                if (jfr$fired()) {
                  commit$fired(id, count, text, other);
                }
                """, JfrSink.INSTANCE.probeBody(model(true), FIRED).toString());
    }

    @Test
    void eachSinkHasItsConditionOfTheQuery() {
        ProviderSink.Condition usdt = UsdtSink.INSTANCE.enabled(model(true), FIRED);
        assertEquals("active$fired()", usdt.test().toString());
        assertEquals("a tracer is attached to {@code probes:fired}", usdt.description().toString());
        ProviderSink.Condition jfr = JfrSink.INSTANCE.enabled(model(true), FIRED);
        assertEquals("jfr$fired()", jfr.test().toString());
        assertEquals("a JFR recording enables event {@code usdt4j.probes.fired}", jfr.description().toString());
    }

    @Test
    void usdtKeepsTheBindingTheSemaphoresAndAnOffsetPerProbe() {
        assertEquals(List.of(GeneratedNames.BINDING, GeneratedNames.SEMAPHORES, GeneratedNames.ProbeMember.SEMAPHORE_FIELD.of("fired"),
                GeneratedNames.ProbeMember.SEMAPHORE_FIELD.of("tick")), names(UsdtSink.INSTANCE.fields(model(false))));
        assertEquals(List.of(GeneratedNames.JFR_AVAILABLE), names(JfrSink.INSTANCE.fields(model(true))));
    }

    /** Each conversion once, however many arguments use it; a native per probe; the natives of the contract. */
    @Test
    void usdtHelpersAreTheConversionsUsedAndTheNatives() {
        List<MethodSpec> helpers = UsdtSink.INSTANCE.helperMethods(model(false));
        assertEquals(List.of("unbox$", NativeContract.fireMethodName("fired"), NativeContract.fireMethodName("tick"),
                NativeContract.SEMAPHORES.name(), NativeContract.BIND_PROBES.name(), NativeContract.ADDRESS.name()),
                helpers.stream().map(m -> m.name()).toList());
        assertEquals("private static native void fire$fired(long id, int count, long text, int other);\n",
                helpers.get(1).toString(), "a string's address");
        assertEquals(List.of(), JfrSink.INSTANCE.helperMethods(model(true)));
        assertEquals(NativeContract.REGISTERED_ON_LOAD,
                UsdtSink.CONTRACT_NATIVES.stream().map(UsdtSink.ContractNative::method).toList());
    }

    @Test
    void usdtMethodsReadTheSemaphores() {
        assertEquals(List.of(GeneratedNames.ProbeMember.ACTIVE_METHOD.of("boxed"), GeneratedNames.ProbeMember.ACTIVE_METHOD.of("tick")),
                UsdtSink.INSTANCE.methods(model(false, List.of(BOXED, TICK))).stream().map(m -> m.name()).toList());
    }

    /**
     * A probe with strings fires through {@code traced$<probe>}: one buffer of the provider's native
     * memory, a slot per string in order, given back whatever happens; its parameters are
     * {@code arg0...}, which hide nothing it names.
     */
    @Test
    void usdtWritesStringsIntoABufferHeldForTheFire() {
        ProviderModel model = ProcessorTesting.compileValid(ProcessorTesting.source("com.example.Probes", """
                package com.example;
                @io.usdt4j.UsdtProvider
                public interface Probes {
                    enum Phase { START }
                    void fired(String BINDING, Integer strings, CharSequence text, Phase phase, long id);
                    void tick(int x);
                }
                """)).model();
        List<MethodSpec> methods = UsdtSink.INSTANCE.methods(model);
        assertEquals(List.of("active$fired", "active$tick", "traced$fired"), methods.stream().map(m -> m.name()).toList());
        assertEquals("""
                /**
                 * Fires {@code probes:fired}, its strings written into native memory held for the call.
                 */
                private static void traced$fired(java.lang.String arg0, java.lang.Integer arg1,
                    java.lang.CharSequence arg2, com.example.Probes.Phase arg3, long arg4) {
                  io.usdt4j.internal.StringScratch.Lease strings = BINDING.strings().acquire();
                  try {
                    fire$fired(strings.string(arg0, 0), unbox$(arg1), strings.charSequence(arg2, 1),
                        strings.enumName(arg3, 2), arg4);
                  } finally {
                    strings.release();
                  }
                }
                """, methods.get(2).toString());
        assertEquals(3, UsdtSink.stringSlots(model), "the most strings of one probe");
    }

    /** (JFR's {@code Jfr$}, built from the interface's methods, is in the golden files and JfrEventsTest.) */
    @Test
    void usdtNestsTheNativesClass() {
        assertEquals(List.of(GeneratedNames.NATIVES), UsdtSink.INSTANCE.types(model(false)).stream().map(TypeSpec::name).toList());
    }

    private static List<String> names(List<FieldSpec> fields) {
        return fields.stream().map(field -> field.name()).toList();
    }
}
