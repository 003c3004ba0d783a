// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.usdt4j.processor.ProcessorTesting.callStatic;
import static io.usdt4j.processor.ProcessorTesting.compile;
import static io.usdt4j.processor.ProcessorTesting.compileValid;
import static io.usdt4j.processor.ProcessorTesting.probeMethods;
import static io.usdt4j.processor.ProcessorTesting.probeNatives;
import static io.usdt4j.processor.ProcessorTesting.source;
import static io.usdt4j.processor.ProcessorTesting.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.usdt4j.contract.ResourceLayout;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The accepted argument types beyond the primitives, and declarations that are no probes: each
 * compiles without a warning; the model says how each argument crosses JNI, and the compiled
 * class's native method and conversion helpers do what the C side expects.
 */
class ArgumentTypesTest {
    private static final String UNBOX = BoxedType.CONVERSION;

    @TempDir
    Path classes;

    private static ProcessorTesting.Compiled compileProbes(String body) {
        return compileValid(source("com.example.Probes", """
                package com.example;
                @io.usdt4j.UsdtProvider
                public interface Probes {
                %s
                }
                """.formatted(body.indent(4).stripTrailing())));
    }

    /** Loads the generated class of {@code body}'s provider and hands it to {@code check}. */
    private void withGenerated(ProcessorTesting.Compiled compiled, ClassCheck check) throws Exception {
        try (URLClassLoader loader = compiled.load(classes)) {
            check.accept(loader.loadClass("com.example.ProbesUsdt"));
        }
    }

    interface ClassCheck {
        void accept(Class<?> generated) throws Exception;
    }

    /**
     * {@code type} is of kind {@code kind}, which crosses JNI as {@code nativeType} in the native
     * method, through its conversion method {@code conversion}, if any; a kind read as a string
     * through a {@code traced$} method that writes it into native memory.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "int                           | PrimitiveType.INT           | int     | ",
            "Boolean                       | BoxedType.BOOLEAN           | boolean | unbox$",
            "Byte                          | BoxedType.BYTE              | byte    | unbox$",
            "Short                         | BoxedType.SHORT             | short   | unbox$",
            "Character                     | BoxedType.CHAR              | char    | unbox$",
            "Integer                       | BoxedType.INT               | int     | unbox$",
            "Long                          | BoxedType.LONG              | long    | unbox$",
            "String                        | ReferenceType.STRING        | long    | ",
            "CharSequence                  | ReferenceType.CHAR_SEQUENCE | long    | ",
            "StringBuilder                 | ReferenceType.CHAR_SEQUENCE | long    | ",
            "java.nio.CharBuffer           | ReferenceType.CHAR_SEQUENCE | long    | ",
            "Thread.State                  | ReferenceType.ENUM          | long    | ",
            "java.util.concurrent.TimeUnit | ReferenceType.ENUM          | long    | ",
    })
    void acceptedType(String type, String kind, String nativeType, String conversion) throws Exception {
        ProcessorTesting.Compiled compiled = compileProbes("void fired(" + type + " value);");
        ProbeModel.Argument argument = compiled.model().probes().get(0).arguments().get(0);
        Enum<?> accepted = (Enum<?>) argument.type();
        assertEquals(kind, accepted.getDeclaringClass().getSimpleName() + "." + accepted.name());
        assertEquals(java.util.Optional.ofNullable(conversion), argument.type().conversionName());
        withGenerated(compiled, generated -> {
            List<Class<?>> parameters = probeNatives(generated).get("fired");
            assertEquals(List.of(nativeType), parameters.stream().map(Class::getSimpleName).toList());
            boolean traced = Stream.of(generated.getDeclaredMethods()).anyMatch(m -> m.getName().equals("traced$fired"));
            assertEquals(argument.type().isString(), traced, "a traced$ method writes the string");
        });
    }

    /** {@code null} is 0 for a box: never a NullPointerException from a probe. */
    @Test
    void boxesUnboxNullAsZero() throws Exception {
        withGenerated(compileProbes("void fired(Integer count, Boolean flag, Character c);"), generated -> {
            assertEquals(0, callStatic(generated, UNBOX, Integer.class, null));
            assertEquals(false, callStatic(generated, UNBOX, Boolean.class, null));
            assertEquals('\0', callStatic(generated, UNBOX, Character.class, null));
            assertEquals(-7, callStatic(generated, UNBOX, Integer.class, -7));
            assertEquals(true, callStatic(generated, UNBOX, Boolean.class, true));
            assertEquals('x', callStatic(generated, UNBOX, Character.class, 'x'));
        });
    }

    /** An enum that is also a CharSequence passes its constant's name, as every enum does. */
    @Test
    void anEnumThatIsACharSequencePassesItsName() {
        ProcessorTesting.Compiled compiled = compileProbes("""
                enum Letter implements CharSequence {
                    A;
                    public int length() { return 0; }
                    public char charAt(int index) { throw new IndexOutOfBoundsException(); }
                    public CharSequence subSequence(int start, int end) { return ""; }
                }
                void fired(Letter letter);
                """);
        assertEquals(ReferenceType.ENUM, compiled.model().probes().get(0).arguments().get(0).type());
    }

    /** Redeclared Object methods are implemented by every class; they are no probes and no errors. */
    @Test
    void objectMethodsAreNoProbes() throws Exception {
        ProcessorTesting.Compiled compiled = compileProbes("""
                void fired(int x);
                String toString();
                int hashCode();
                boolean equals(Object other);
                """);
        assertEquals(List.of("fired"), compiled.model().probes().stream().map(ProbeModel::name).toList());
        assertEquals(List.of(), compiled.model().enabledQueries());
        withGenerated(compiled, generated -> {
            for (String objectMethod : List.of("toString", "hashCode", "equals")) {
                assertTrue(Stream.of(generated.getDeclaredMethods()).noneMatch(m -> m.getName().equals(objectMethod)),
                        objectMethod);
            }
        });
    }

    @Test
    void defaultStaticAndPrivateMethodsAreLeftAlone() throws Exception {
        ProcessorTesting.Compiled compiled = compileProbes("""
                void fired(int x);
                default void firedTwice(int x) { fired(x); helper(); }
                static void util(double d) {}
                private void helper() {}
                """);
        assertEquals(List.of("fired"), compiled.model().probes().stream().map(ProbeModel::methodName).toList());
        withGenerated(compiled, generated -> assertEquals(List.of("fired"), probeMethods(generated)));
    }

    /** Under {@code -Xlint:processing}, javac warns about annotations no processor claims; @Probe is claimed. */
    @Test
    void probeAnnotationIsClaimed() {
        JavaFileObject source = source("com.example.Probes", """
                package com.example;
                @io.usdt4j.UsdtProvider
                public interface Probes {
                    @io.usdt4j.Probe("named") void fired(int x);
                }
                """);
        Compilation compilation = com.google.testing.compile.Compiler.javac().withProcessors(new UsdtProcessor())
                .withOptions("-Xlint:processing").compile(source);
        assertThat(compilation).succeeded();
        for (Diagnostic<? extends JavaFileObject> warning : compilation.warnings()) {
            assertFalse(warning.getMessage(null).contains("io.usdt4j"), warning.toString());
        }
    }

    /** Type annotations, such as a {@code @Nullable}, stay out of the C comments and the probe description. */
    @Test
    void typeAnnotationsStayOutOfTheCAndTheDescription() {
        Compilation compilation = compile(
                source("com.example.Nullable", """
                        package com.example;
                        @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE)
                        public @interface Nullable {}
                        """),
                source("com.example.Probes", """
                        package com.example;
                        @io.usdt4j.UsdtProvider
                        public interface Probes {
                            void fired(@Nullable String s, @Nullable Integer i, @Nullable int x);
                        }
                        """));
        assertThat(compilation).succeededWithoutWarnings();
        String c = text(compilation.generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, ResourceLayout.cSource("probes")).orElseThrow());
        assertTrue(c.contains("from fired(String s, Integer i, int x)"), c);
        String json = text(compilation.generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, ResourceLayout.description("probes")).orElseThrow());
        assertFalse(json.contains("Nullable"), json);
        assertTrue(json.contains("\"javaType\": \"java.lang.Integer\""), json);
    }
}
