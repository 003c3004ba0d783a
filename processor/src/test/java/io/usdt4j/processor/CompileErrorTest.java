// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.usdt4j.processor.ProcessorTesting.assertOneErrorAt;
import static io.usdt4j.processor.ProcessorTesting.assertOnlyError;
import static com.google.testing.compile.Compiler.javac;
import static io.usdt4j.processor.ProcessorTesting.compile;
import static io.usdt4j.processor.ProcessorTesting.compileValid;
import static io.usdt4j.processor.ProcessorTesting.filesWritten;
import static io.usdt4j.processor.ProcessorTesting.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.usdt4j.contract.GeneratedNames;
import io.usdt4j.contract.Limits;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.contract.UsdtNames;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        return Stream.of("shop-probes", "1shop", "shop probes", "p".repeat(UsdtNames.MAX_LENGTH + 1));
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
        JavaFileObject source = probes("void caf\u00e9Opened(long id);");
        assertOnlyError(source, "invalid-probe-name", "caf\u00e9Opened(");
    }

    @ParameterizedTest
    @ValueSource(strings = {"finalize", "clone"})
    void overridesObjectMethod(String method) {
        assertOnlyError(probes("void " + method + "();"), "overrides-object-method", method + "(");
    }

    /** With other parameters it is an overload, and a probe like any other. */
    @Test
    void anOverloadOfAnObjectMethodIsAProbe() {
        assertThat(compile(probes("void finalize(int round);\nvoid clone(String what);"))).succeededWithoutWarnings();
    }

    /** The generated class's own members have a $ in their names: no inherited method may. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@Probe(\"placed\") void order$placed(long id);           | order$placed(",
            "@Probe(\"u\") void unbox$(Integer value);                 | unbox$(",
            "void fired(String s); default void utf8$(CharSequence s) {} | utf8$(",
    })
    void dollarInMethodName(String body, String element) {
        assertOnlyError(probes(body), "dollar-in-method-name", element);
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
        assertThat(compile(source)).hadErrorContaining("Is-enabled query Probes.isMissingEnabled() is named after probe "
                + "method missing(...), which this interface does not declare");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Object", "int[]", "String[]", "java.util.List<String>", "Number", "java.time.Duration",
            "Runnable", "java.util.Optional<String>", "Iterable<Character>"})
    void unsupportedParameterType(String type) {
        JavaFileObject source = probes("void fired(long id, " + type + " value);");
        assertOnlyError(source, "unsupported-parameter-type", "value)");
    }

    @Test
    void unsupportedParameterTypeNamesParameterTypeAndTheSupportedTypes() {
        assertThat(compile(probes("void fired(long id, java.util.List<String> value);")))
                .hadErrorContaining("Parameter value of probe method Probes.fired(long, List<String>) has type List<String>, "
                        + "which a probe cannot pass to a tracer; use boolean, byte, short, char, int or long (or their boxed types), "
                        + "String or another CharSequence, or an enum");
    }

    @Test
    void aRecordIsUnsupported() {
        JavaFileObject source = probes("""
                record Point(int x, int y) {}
                void moved(Point value);
                """);
        assertOnlyError(source, "unsupported-parameter-type", "value)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"double", "float", "Double", "Float"})
    void floatingPointParameter(String type) {
        JavaFileObject source = probes("void fired(long id, " + type + " value);");
        assertOnlyError(source, "floating-point-parameter", "value)");
        assertThat(compile(source)).hadErrorContaining("pass a scaled long instead");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Limits.MAX_STRING_BYTES + 1, 1 << 20})
    void invalidMaxStringBytesOnTheAnnotationValue(int limit) {
        JavaFileObject source = source("com.example.Probes", HEADER + """
                @UsdtProvider(value = "probes", maxStringBytes = %d)
                public interface Probes {
                    void fired(String text);
                }
                """.formatted(limit));
        assertOnlyError(source, "invalid-max-string-bytes", "" + limit + ")");
    }

    /**
     * The limit reaches the runtime with the provider: its native memory for strings has a slot of
     * the limit and a NUL per string argument of the probe that has most (the runtime's
     * ScratchMemoryTest checks what is written into it).
     */
    @ParameterizedTest
    @ValueSource(ints = {Limits.MIN_STRING_BYTES, Limits.MAX_STRING_BYTES})
    void maxStringBytesAtTheBoundsReachesTheProvidersNativeMemory(int limit, @TempDir Path classes) throws Exception {
        ProcessorTesting.Compiled compiled = compileValid(source("com.example.Probes", HEADER + """
                @UsdtProvider(maxStringBytes = %d)
                public interface Probes {
                    void fired(String text, CharSequence chars);
                    void other(String text);
                }
                """.formatted(limit)));
        assertEquals(limit, compiled.model().maxStringBytes());
        try (URLClassLoader loader = compiled.load(classes)) {
            Class<?> generated = Class.forName("com.example.ProbesUsdt", true, loader);
            io.usdt4j.internal.StringScratch strings = io.usdt4j.internal.ProviderBinding.of(generated).orElseThrow().strings();
            io.usdt4j.internal.StringScratch.Lease lease = strings.acquire();
            try {
                long first = lease.charSequence(new StringBuilder("a".repeat(limit + 10)), 0);
                assertEquals(first + limit + 1, lease.string("b", 1), "slot 1 follows the limit and its NUL");
            } finally {
                lease.release();
            }
            assertEquals("StringScratch[1 buffers of 2 x " + (limit + 1) + " bytes, 0 in use]", strings.toString());
        }
    }

    /**
     * The generated class is a top-level class of the package, so it must be able to implement the
     * interface. (A local interface is never seen: javac gives processors no local types.)
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "public class Probes { @UsdtProvider private interface Inner { void fired(int x); } }                 | interface Inner",
            "public class Probes { private static class Hidden { @UsdtProvider interface Inner { void fired(int x); } } } | interface Inner",
    })
    void inaccessibleInterface(String declaration, String element) {
        JavaFileObject source = source("com.example.Probes", HEADER + declaration + "\n");
        assertOnlyError(source, "inaccessible-interface", element);
    }

    @Test
    void generatedClassExists() {
        JavaFileObject probes = probes("void fired(int x);");
        JavaFileObject existing = source("com.example.ProbesUsdt", "package com.example;\npublic class ProbesUsdt {}\n");
        Compilation compilation = compile(probes, existing);
        assertOneErrorAt(compilation, probes, "interface Probes",
                "[usdt4j:generated-class-exists] usdt4j generates com.example.ProbesUsdt");
    }

    /**
     * An unexpected failure is one error on the interface that says so, without a stack trace: here
     * the Filer refuses to write a class that a source of this compilation, made by an earlier run
     * of usdt4j, already declares.
     */
    @Test
    void processorFailedIsAnErrorOnTheInterfaceWithoutAStackTrace() {
        Compilation compilation = compileFailingWith("-Xlint:all,-processing");
        ProcessorTesting.Position at = ProcessorTesting.positionOf(FAILING, "interface Probes");
        assertThat(compilation).hadErrorContaining("[usdt4j:processor-failed] usdt4j failed while processing com.example.Probes: "
                        + "javax.annotation.processing.FilerException")
                .inFile(FAILING).onLine(at.line()).atColumn(at.column());
        assertEquals(1, compilation.errors().size(), () -> compilation.errors().toString());
        String message = compilation.errors().get(0).getMessage(null);
        assertEquals(-1, message.indexOf("\tat "), () -> "a stack trace in: " + message);
    }

    /** With -Ausdt4j.debug, the same error carries the stack trace of the failure. */
    @ParameterizedTest
    @ValueSource(strings = {"-Ausdt4j.debug", "-Ausdt4j.debug=true"})
    void processorFailedCarriesTheStackTraceUnderTheDebugOption(String option) {
        Compilation compilation = compileFailingWith(option);
        assertEquals(1, compilation.errors().size(), () -> compilation.errors().toString());
        String message = compilation.errors().get(0).getMessage(null);
        assertTrue(message.startsWith("[usdt4j:processor-failed] usdt4j failed while processing com.example.Probes: "
                + "javax.annotation.processing.FilerException"), message);
        // (javac indents the lines after the first)
        assertTrue(message.matches("(?s).*Stack trace:\n\\s*javax\\.annotation\\.processing\\.FilerException: .*"), message);
        assertTrue(message.contains("\tat " + UsdtProcessor.class.getName() + ".write("), message);
    }

    @Test
    void processorFailedSaysHowToSeeTheStackTrace() {
        for (String option : List.of("-Ausdt4j.debug=false", "-Xlint:all")) {
            Compilation compilation = compileFailingWith(option);
            String message = compilation.errors().get(0).getMessage(null);
            assertTrue(message.endsWith("(-Ausdt4j.debug shows its stack trace)"), message);
            assertEquals(-1, message.indexOf("\tat "), message);
        }
    }

    /** The option is declared, so javac does not warn that no processor recognized it. */
    @Test
    void theDebugOptionIsRecognized() {
        assertThat(javac().withProcessors(new UsdtProcessor()).withOptions("-Xlint:all,-processing", "-Ausdt4j.debug")
                .compile(probes("void fired(int x);"))).succeededWithoutWarnings();
    }

    /** Under -Ausdt4j.debug the causes are in the stack trace; without it, the message still names each. */
    @Test
    void processorFailedKeepsTheCauseChain() {
        Exception failure = new java.io.IOException("cannot write",
                new java.nio.file.AccessDeniedException("/out/META-INF", null, "read-only"));
        assertEquals("java.io.IOException: cannot write, caused by java.nio.file.AccessDeniedException: "
                + "/out/META-INF: read-only", UsdtProcessor.causes(failure));
        String details = UsdtProcessor.details(failure, true);
        assertTrue(details.contains("Caused by: java.nio.file.AccessDeniedException: /out/META-INF: read-only"), details);
        assertTrue(details.contains("\tat " + CompileErrorTest.class.getName()), details);
    }

    /** A valid provider whose generated class, made by an earlier run of usdt4j, a source of the compilation declares. */
    private static final JavaFileObject FAILING = probes("void fired(int x);");
    private static final JavaFileObject GENERATED_BEFORE = source("com.example.ProbesUsdt", """
            package com.example;
            @javax.annotation.processing.Generated("io.usdt4j.processor.UsdtProcessor")
            public class ProbesUsdt {}
            """);

    /** The processor-failed case, compiled with {@code option}. */
    private static Compilation compileFailingWith(String option) {
        return javac().withProcessors(new UsdtProcessor()).withOptions(option).compile(FAILING, GENERATED_BEFORE);
    }

    /** Both would write libusdt4j-same.so: the second one in the compilation is the error. */
    @Test
    void duplicateProviderNameOnTheSecondProvider() {
        JavaFileObject first = source("com.example.First", HEADER + """
                @UsdtProvider("same")
                public interface First { void fired(int x); }
                """);
        JavaFileObject second = source("com.example.Second", HEADER + """
                @UsdtProvider("same")
                public interface Second { void fired(int x); }
                """);
        Compilation compilation = compile(first, second);
        assertOneErrorAt(compilation, second, "\"same\"",
                "[usdt4j:duplicate-provider-name] Provider name \"same\" is already used by com.example.First");
    }

    /** A default provider name collides too; the error is then on the annotation. */
    @Test
    void duplicateDefaultProviderName() {
        JavaFileObject first = source("com.example.First", HEADER + """
                @UsdtProvider("second")
                public interface First { void fired(int x); }
                """);
        JavaFileObject second = source("com.example.Second", HEADER + """
                @UsdtProvider
                public interface Second { void fired(int x); }
                """);
        Compilation compilation = compile(first, second);
        assertOneErrorAt(compilation, second, "@UsdtProvider", "[usdt4j:duplicate-provider-name]");
    }

    /**
     * A method inherited from a compiled superinterface has no source position: the error is on
     * the provider, and names the method.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "AutoCloseable                        | throws-exceptions   | AutoCloseable.close()",
            "java.util.function.Supplier<String> | not-a-probe-or-query | Supplier.get()",
            "java.util.function.Consumer<Double> | floating-point-parameter | Consumer.accept(T)",
    })
    void errorOnAMethodOfACompiledSuperinterfaceIsOnTheProvider(String superinterface, String id, String method) {
        JavaFileObject source = source("com.example.Probes", HEADER + """
                @UsdtProvider
                public interface Probes extends %s {
                    void fired(int x);
                }
                """.formatted(superinterface));
        assertOnlyError(source, id, "interface Probes");
        assertThat(compile(source)).hadErrorContaining(method);
    }

    @Test
    void duplicateProbeNameNamesBothMethodsWithTheirParameterTypes() {
        assertThat(compile(probes("""
                void tick();
                void tick(int times);
                """))).hadErrorContaining("Probe name \"tick\" of Probes.tick(int) is already used by Probes.tick()");
    }

    @Test
    void notAnInterfaceWording() {
        assertThat(compile(source("com.example.Probes", HEADER + "@UsdtProvider\npublic enum Probes { FIRED }\n")))
                .hadErrorContaining("but com.example.Probes is an enum;");
        assertThat(compile(source("com.example.Probes", HEADER + "@UsdtProvider\npublic @interface Probes {}\n")))
                .hadErrorContaining("but com.example.Probes is an annotation type;");
    }

    /** The query of a probe that is itself invalid adds no second error. */
    @Test
    void queryOfAnInvalidProbeIsNoSecondError() {
        JavaFileObject source = probes("""
                void fired(double x);
                boolean isFiredEnabled();
                """);
        assertOnlyError(source, "floating-point-parameter", "x)");
    }

    @Test
    void tooManyArgumentsOnTheThirteenthParameter() {
        JavaFileObject source = probes("void fired(" + intParameters(Limits.MAX_ARGUMENTS + 1) + ");");
        assertOnlyError(source, "too-many-arguments", "a13");
    }

    /** The counterpart of every test above, and proof that {@code filesWritten} sees what is written. */
    @Test
    void validProviderCompilesWithoutWarningsAndWritesItsJavaAndC() {
        JavaFileObject source = probes("void fired(int x);");
        assertThat(compile(source)).succeededWithoutWarnings();
        List<String> expected = new java.util.ArrayList<>(ResourceLayout.generatedResources("probes", false,
                io.usdt4j.contract.Platform.defaults().stream().map(io.usdt4j.contract.PlatformId::of).toList()));
        expected.addAll(List.of("com/example/Probes.class", "com/example/ProbesUsdt$" + GeneratedNames.NATIVES + ".class",
                "com/example/ProbesUsdt.class", "com/example/ProbesUsdt.java"));
        assertEquals(expected.stream().sorted().toList(), filesWritten(source));
    }

    @Test
    void twelveArgumentsAreAllowed(@TempDir Path classes) throws Exception {
        ProcessorTesting.Compiled compiled = compileValid(probes("void fired(" + intParameters(Limits.MAX_ARGUMENTS) + ");"));
        assertEquals(Limits.MAX_ARGUMENTS, compiled.model().probes().get(0).arguments().size());
        try (URLClassLoader loader = compiled.load(classes)) {
            assertEquals(Map.of("fired", Collections.nCopies(Limits.MAX_ARGUMENTS, int.class)),
                    ProcessorTesting.probeNatives(loader.loadClass("com.example.ProbesUsdt")));
        }
    }

    /** {@code int a1, int a2, ...}. */
    private static String intParameters(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "int a" + i).collect(Collectors.joining(", "));
    }
}
