package io.usdt4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.usdt4j.processor.ProcessorTesting.compile;
import static io.usdt4j.processor.ProcessorTesting.source;
import static io.usdt4j.processor.ProcessorTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Which inherited methods are probes: the provider's abstract methods as Java sees them. */
class InheritedProbesTest {
    private static final Pattern PROBE_METHOD = Pattern.compile("public void (\\w+)\\(");

    /** Compiles the {@code com.example} sources and returns the probe methods generated for {@code Probes}. */
    private static List<String> probeMethods(JavaFileObject... sources) {
        Compilation compilation = compile(sources);
        assertThat(compilation).succeededWithoutWarnings();
        Matcher matcher = PROBE_METHOD.matcher(text(compilation.generatedSourceFile("com.example.ProbesUsdt").orElseThrow()));
        return matcher.results().map(result -> result.group(1)).toList();
    }

    private static JavaFileObject type(String simpleName, String declaration) {
        return source("com.example." + simpleName, "package com.example;\n" + declaration + "\n");
    }

    @Test
    void aDefaultMethodOfTheProviderOverridingAnInheritedOneIsLeftAlone() {
        assertEquals(List.of("placed"), probeMethods(
                type("Base", "public interface Base { void placed(int id); void placedTwice(int id); }"),
                type("Probes", """
                        @io.usdt4j.UsdtProvider
                        public interface Probes extends Base {
                            default void placedTwice(int id) {
                                placed(id);
                                placed(id);
                            }
                        }""")));
    }

    /** B's default overrides A's abstract method even though A is reached first from Probes. */
    @Test
    void aDefaultMethodOfASuperinterfaceOverridingAnotherOneIsLeftAlone() {
        assertEquals(List.of("placed"), probeMethods(
                type("A", "public interface A { void flushed(); }"),
                type("B", "public interface B extends A { default void flushed() {} }"),
                type("Probes", "@io.usdt4j.UsdtProvider public interface Probes extends A, B { void placed(int id); }")));
    }

    /** Two superinterfaces declaring the same method give the provider one method, so one probe. */
    @Test
    void theSameMethodFromTwoSuperinterfacesIsOneProbe() {
        assertEquals(List.of("placed"), probeMethods(
                type("A", "public interface A { void placed(int id); }"),
                type("B", "public interface B { void placed(int id); }"),
                type("Probes", "@io.usdt4j.UsdtProvider public interface Probes extends A, B {}")));
    }

    /** The provider's redeclaration, with its own probe name, wins over the inherited method. */
    @Test
    void aRedeclaredMethodIsOneProbeNamedByTheRedeclaration() {
        Compilation compilation = compile(
                type("Base", "public interface Base { void placed(int id); }"),
                type("Probes", """
                        @io.usdt4j.UsdtProvider
                        public interface Probes extends Base {
                            @io.usdt4j.Probe("order_placed") void placed(int id);
                        }"""));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.ProbesUsdt").contentsAsUtf8String()
                .contains("ProviderBinding.load(new Natives$(), \"probes\", 1)");
        assertThat(compilation).generatedSourceFile("com.example.ProbesUsdt").contentsAsUtf8String()
                .contains("fire$order_placed(id)");
    }
}
