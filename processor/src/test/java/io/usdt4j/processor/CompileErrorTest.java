package io.usdt4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.usdt4j.processor.ProcessorTesting.assertOnlyError;
import static io.usdt4j.processor.ProcessorTesting.compile;
import static io.usdt4j.processor.ProcessorTesting.filesWritten;
import static io.usdt4j.processor.ProcessorTesting.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per rule in {@link Message}: each invalid interface fails with exactly that error, on
 * the element at fault, and the processor writes nothing for it.
 */
class CompileErrorTest {
    private static final String HEADER = """
            package com.example;
            import io.usdt4j.Probe;
            import io.usdt4j.UsdtProvider;
            """;

    /** {@code com.example.Probes}, annotated {@code @UsdtProvider}, with {@code body} as its members. */
    private static JavaFileObject probes(String body) {
        return source("com.example.Probes", HEADER + """
                @UsdtProvider
                public interface Probes {
                %s
                }
                """.formatted(body.indent(4).stripTrailing()));
    }

    /** javac places an error on a type at its keyword: {@code interface} of {@code @interface}. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "class Probes { public void fired(int x) {} } | class",
            "enum Probes { FIRED }                        | enum",
            "record Probes(int fired) {}                  | record",
            "@interface Probes { int fired(); }           | interface",
    })
    void notAnInterface(String declaration, String keyword) {
        JavaFileObject source = source("com.example.Probes", HEADER + "@UsdtProvider\npublic " + declaration + "\n");
        assertOnlyError(source, "not-an-interface", keyword + " Probes");
    }

    @Test
    void genericInterface() {
        JavaFileObject source = source("com.example.Probes", HEADER + """
                @UsdtProvider
                public interface Probes<T> {
                    void fired(int x);
                }
                """);
        assertOnlyError(source, "generic-interface", "interface Probes<T>");
    }

    static Stream<String> invalidProviderNames() {
        return Stream.of("shop-probes", "1shop", "shop probes", "p".repeat(Names.MAX_IDENTIFIER_LENGTH + 1));
    }

    @ParameterizedTest
    @MethodSource("invalidProviderNames")
    void invalidProviderNameOnTheAnnotationValue(String name) {
        JavaFileObject source = source("com.example.Probes", HEADER + """
                @UsdtProvider("%s")
                public interface Probes {
                    void fired(int x);
                }
                """.formatted(name));
        assertOnlyError(source, "invalid-provider-name", "\"" + name + "\"");
    }

    /** A Java identifier need not be a C one; without a value the error is on the annotation. */
    @Test
    void invalidDefaultProviderName() {
        JavaFileObject source = source("com.example.Caf\u00e9Probes", HEADER + """
                @UsdtProvider
                public interface Caf\u00e9Probes {
                    void fired(int x);
                }
                """);
        assertOnlyError(source, "invalid-provider-name", "@UsdtProvider");
    }

    @Test
    void invalidProbeNameOnTheAnnotationValue() {
        JavaFileObject source = probes("@Probe(\"order placed\") void orderPlaced(long id);");
        assertOnlyError(source, "invalid-probe-name", "\"order placed\"");
    }

    @Test
    void invalidDefaultProbeName() {
        JavaFileObject source = probes("void order$placed(long id);");
        assertOnlyError(source, "invalid-probe-name", "order$placed(");
    }

    @Test
    void duplicateProbeName() {
        JavaFileObject source = probes("""
                void orderPlaced(long id);
                @Probe("order_placed") void placed(long id);
                """);
        assertOnlyError(source, "duplicate-probe-name", "placed(long");
    }

    @Test
    void duplicateProbeNameOfAnOverload() {
        JavaFileObject source = probes("""
                void tick();
                void tick(int times);
                """);
        assertOnlyError(source, "duplicate-probe-name", "tick(int");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "default void fired(int x) {}", "static void fired(int x) {}"})
    void noProbes(String body) {
        JavaFileObject source = probes(body);
        assertOnlyError(source, "no-probes", "interface Probes");
    }

    @Test
    void genericMethod() {
        JavaFileObject source = probes("<T> void fired(int x);");
        assertOnlyError(source, "generic-method", "fired(");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.io.IOException", "RuntimeException"})
    void throwsExceptions(String exception) {
        JavaFileObject source = probes("void fired(int x) throws " + exception + ";");
        assertOnlyError(source, "throws-exceptions", "fired(");
    }

    /** Each declaration is next to a valid probe {@code fired}; {@code method} is its name. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "int count();                     | count",
            "boolean isFiredEnabled(int x);   | isFiredEnabled",
            "Boolean isFiredEnabled();        | isFiredEnabled",
            "boolean isEnabled();             | isEnabled",
            "boolean firedEnabled();          | firedEnabled",
    })
    void notAProbeOrQuery(String declaration, String method) {
        JavaFileObject source = probes("void fired(int x);\n" + declaration);
        assertOnlyError(source, "not-a-probe-or-query", method + "(");
    }

    @Test
    void queryWithoutProbe() {
        JavaFileObject source = probes("""
                @Probe("missing") void fired(int x);
                boolean isMissingEnabled();
                """);
        assertOnlyError(source, "query-without-probe", "isMissingEnabled(");
    }

    @ParameterizedTest
    @ValueSource(strings = {"double", "float", "Object", "int[]", "Integer", "CharSequence", "String[]",
            "java.util.List<String>"})
    void unsupportedParameterType(String type) {
        JavaFileObject source = probes("void fired(long id, " + type + " value);");
        assertOnlyError(source, "unsupported-parameter-type", "value)");
    }

    @Test
    void tooManyArgumentsOnTheThirteenthParameter() {
        JavaFileObject source = probes("void fired(" + intParameters(ProviderValidator.MAX_ARGUMENTS + 1) + ");");
        assertOnlyError(source, "too-many-arguments", "a13");
    }

    /** The counterpart of every test above, and proof that {@code filesWritten} sees what is written. */
    @Test
    void validProviderCompilesWithoutWarningsAndWritesItsJavaAndC() {
        JavaFileObject source = probes("void fired(int x);");
        assertThat(compile(source)).succeededWithoutWarnings();
        assertEquals(List.of("META-INF/usdt4j/src/probes.c", "com/example/Probes.class",
                        "com/example/ProbesUsdt.class", "com/example/ProbesUsdt.java"),
                filesWritten(source));
    }

    @Test
    void twelveArgumentsAreAllowed() {
        Compilation compilation = compile(probes("void fired(" + intParameters(ProviderValidator.MAX_ARGUMENTS) + ");"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.ProbesUsdt").contentsAsUtf8String()
                .contains("fire$fired(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12)");
    }

    /** {@code int a1, int a2, ...}. */
    private static String intParameters(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "int a" + i).collect(Collectors.joining(", "));
    }
}
