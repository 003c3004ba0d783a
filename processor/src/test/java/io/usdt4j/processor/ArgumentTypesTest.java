package io.usdt4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.usdt4j.processor.ProcessorTesting.compile;
import static io.usdt4j.processor.ProcessorTesting.source;
import static io.usdt4j.processor.ProcessorTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The accepted argument types beyond the primitives, and declarations that are no probes: each
 * compiles without a warning, and the generated native method takes what the C side expects.
 */
class ArgumentTypesTest {

    private static Compilation compileProbes(String body) {
        Compilation compilation = compile(source("com.example.Probes", """
                package com.example;
                @io.usdt4j.UsdtProvider
                public interface Probes {
                %s
                }
                """.formatted(body.indent(4).stripTrailing())));
        assertThat(compilation).succeededWithoutWarnings();
        return compilation;
    }

    private static String generated(Compilation compilation) {
        return text(compilation.generatedSourceFile("com.example.ProbesUsdt").orElseThrow());
    }

    /** {@code type} becomes the native parameter {@code nativeType}, through {@code conversion}. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Boolean                     | boolean | unbox$(value)",
            "Byte                        | byte    | unbox$(value)",
            "Short                       | short   | unbox$(value)",
            "Character                   | char    | unbox$(value)",
            "Integer                     | int     | unbox$(value)",
            "Long                        | long    | unbox$(value)",
            "String                      | byte[]  | utf8$(value)",
            "CharSequence                | byte[]  | utf8$(value)",
            "StringBuilder               | byte[]  | utf8$(value)",
            "java.nio.CharBuffer         | byte[]  | utf8$(value)",
            "Thread.State                | byte[]  | enumName$(value)",
            "java.util.concurrent.TimeUnit | byte[] | enumName$(value)",
    })
    void acceptedType(String type, String nativeType, String conversion) {
        String code = generated(compileProbes("void fired(" + type + " value);"));
        assertTrue(code.contains("fire$fired(" + conversion + ")"), code);
        assertTrue(code.contains("private static native void fire$fired(" + nativeType + " value)"), code);
    }

    /** {@code null} is 0 for a box: never a NullPointerException from a probe. */
    @Test
    void boxesUnboxNullAsZero() {
        String code = generated(compileProbes("void fired(Integer count, Boolean flag, Character c);"));
        assertTrue(code.contains("private static int unbox$(Integer value) {\n    return value == null ? 0 : value;"), code);
        assertTrue(code.contains("private static boolean unbox$(Boolean value) {\n    return value != null && value;"), code);
        assertTrue(code.contains("private static char unbox$(Character value) {\n    return value == null ? 0 : value;"), code);
    }

    @Test
    void enumsPassTheirNameAndNullAsNull() {
        String code = generated(compileProbes("enum Color { RED }\nvoid fired(Color color);"));
        assertTrue(code.contains("return value == null ? null : utf8$(value.name());"), code);
    }

    /** An enum that is also a CharSequence passes its constant's name, as every enum does. */
    @Test
    void anEnumThatIsACharSequencePassesItsName() {
        String code = generated(compileProbes("""
                enum Letter implements CharSequence {
                    A;
                    public int length() { return 0; }
                    public char charAt(int index) { throw new IndexOutOfBoundsException(); }
                    public CharSequence subSequence(int start, int end) { return ""; }
                }
                void fired(Letter letter);
                """));
        assertTrue(code.contains("fire$fired(enumName$(letter))"), code);
    }

    /** Redeclared Object methods are implemented by every class; they are no probes and no errors. */
    @Test
    void objectMethodsAreNoProbes() {
        String code = generated(compileProbes("""
                void fired(int x);
                String toString();
                int hashCode();
                boolean equals(Object other);
                """));
        assertFalse(code.contains("toString"), code);
        assertFalse(code.contains("hashCode"), code);
        assertFalse(code.contains("equals"), code);
    }

    @Test
    void defaultStaticAndPrivateMethodsAreLeftAlone() {
        String code = generated(compileProbes("""
                void fired(int x);
                default void firedTwice(int x) { fired(x); helper(); }
                static void util(double d) {}
                private void helper() {}
                """));
        assertEquals(List.of("fired"), ProcessorTesting.publicVoidMethods(code));
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
        String c = text(compilation.generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "META-INF/usdt4j/src/probes.c").orElseThrow());
        assertTrue(c.contains("from fired(String s, Integer i, int x)"), c);
        String json = text(compilation.generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "META-INF/usdt4j/probes.json").orElseThrow());
        assertFalse(json.contains("Nullable"), json);
        assertTrue(json.contains("\"javaType\": \"java.lang.Integer\""), json);
    }
}
