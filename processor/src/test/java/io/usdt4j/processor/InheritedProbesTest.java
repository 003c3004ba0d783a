// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static io.usdt4j.processor.ProcessorTesting.compileValid;
import static io.usdt4j.processor.ProcessorTesting.probeMethods;
import static io.usdt4j.processor.ProcessorTesting.probeNatives;
import static io.usdt4j.processor.ProcessorTesting.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.usdt4j.Usdt;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which methods are probes: the provider's abstract void methods as Java sees them, its own and
 * inherited. Each case compiles, loads the generated class and checks the model's probes against
 * the methods and natives the class has, then calls every probe through {@link Usdt#provider}.
 */
class InheritedProbesTest {
    @TempDir
    Path classes;

    /** What the generated class of {@code com.example.Probes} implements. */
    record Generated(ProviderModel model, List<String> probeMethods, Map<String, List<Class<?>>> natives) {
        List<String> modelMethods() {
            return model.probes().stream().map(ProbeModel::methodName).sorted().toList();
        }

        List<String> probeNames() {
            return model.probes().stream().map(ProbeModel::name).toList();
        }
    }

    private Generated generated(JavaFileObject... sources) throws Exception {
        ProcessorTesting.Compiled compiled = compileValid(sources);
        try (URLClassLoader loader = compiled.load(classes)) {
            Class<?> probes = loader.loadClass("com.example.Probes");
            Class<?> generated = loader.loadClass("com.example.ProbesUsdt");
            Generated result = new Generated(compiled.model(), probeMethods(generated), probeNatives(generated));
            assertEquals(result.modelMethods(), result.probeMethods(), "the probe methods the class implements");
            // The probes do nothing here (no library), but every one of them, and every default method, runs.
            Object provider = Usdt.provider(probes);
            for (Method method : probes.getMethods()) {
                if (method.getReturnType() == void.class) {
                    method.invoke(provider, defaults(method.getParameterTypes()));
                }
            }
            return result;
        }
    }

    /** 0 or null for each parameter. */
    private static Object[] defaults(Class<?>[] types) {
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            values[i] = types[i] == int.class ? (Object) 0 : types[i] == long.class ? (Object) 0L : null;
        }
        return values;
    }

    private static JavaFileObject type(String simpleName, String declaration) {
        return source("com.example." + simpleName, "package com.example;\n" + declaration + "\n");
    }

    @Test
    void aDefaultMethodOfTheProviderOverridingAnInheritedOneIsLeftAlone() throws Exception {
        Generated generated = generated(
                type("Base", "public interface Base { void placed(int id); void placedTwice(int id); }"),
                type("Probes", """
                        @io.usdt4j.UsdtProvider
                        public interface Probes extends Base {
                            default void placedTwice(int id) {
                                placed(id);
                                placed(id);
                            }
                        }"""));
        assertEquals(List.of("placed"), generated.probeMethods());
        assertEquals(Map.of("placed", List.of(int.class)), generated.natives());
    }

    /** B's default overrides A's abstract method even though A is reached first from Probes. */
    @Test
    void aDefaultMethodOfASuperinterfaceOverridingAnotherOneIsLeftAlone() throws Exception {
        Generated generated = generated(
                type("A", "public interface A { void flushed(); }"),
                type("B", "public interface B extends A { default void flushed() {} }"),
                type("Probes", "@io.usdt4j.UsdtProvider public interface Probes extends A, B { void placed(int id); }"));
        assertEquals(List.of("placed"), generated.probeMethods());
    }

    /** Two superinterfaces declaring the same method give the provider one method, so one probe. */
    @Test
    void theSameMethodFromTwoSuperinterfacesIsOneProbe() throws Exception {
        Generated generated = generated(
                type("A", "public interface A { void placed(int id); }"),
                type("B", "public interface B { void placed(int id); }"),
                type("Probes", "@io.usdt4j.UsdtProvider public interface Probes extends A, B {}"));
        assertEquals(List.of("placed"), generated.probeNames());
        assertEquals(Map.of("placed", List.of(int.class)), generated.natives());
    }

    /** The provider's redeclaration, with its own probe name, wins over the inherited method. */
    @Test
    void aRedeclaredMethodIsOneProbeNamedByTheRedeclaration() throws Exception {
        Generated generated = generated(
                type("Base", "public interface Base { void placed(int id); }"),
                type("Probes", """
                        @io.usdt4j.UsdtProvider
                        public interface Probes extends Base {
                            @io.usdt4j.Probe("order_placed") void placed(int id);
                        }"""));
        assertEquals("probes", generated.model().provider());
        assertEquals(List.of("order_placed"), generated.probeNames());
        assertEquals(Map.of("order_placed", List.of(int.class)), generated.natives());
    }

    /** Overloads are two probes when they have two probe names; the query follows the first. */
    @Test
    void overloadsWithTheirOwnProbeNamesAreTwoProbes() throws Exception {
        Generated generated = generated(type("Probes", """
                @io.usdt4j.UsdtProvider
                public interface Probes {
                    void tick();
                    @io.usdt4j.Probe("tick_times") void tick(int times);
                    boolean isTickEnabled();
                }"""));
        assertEquals(List.of("tick", "tick_times"), generated.probeNames());
        assertEquals(Map.of("tick", List.of(), "tick_times", List.of(int.class)), generated.natives());
        assertEquals("tick", generated.model().enabledQueries().get(0).probe().name());
    }
}
