// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.usdt4j.contract.NativeContract;
import io.usdt4j.testsupport.Directories;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/** Runs the real javac in process with {@link UsdtProcessor}, and reads what it reported and wrote. */
final class ProcessorTesting {
    private ProcessorTesting() {}

    /**
     * Every lint, so that "compiles without warnings" covers the generated code as well, but for
     * {@code processing}: it warns that no processor claims the generated {@code @Generated}, which
     * is true of every processor that writes that annotation.
     */
    static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new UsdtProcessor()).withOptions(LINT).compile(sources);
    }

    private static final String LINT = "-Xlint:all,-processing";

    /**
     * Compiles {@code sources} as {@link #compile} does, keeping every {@link ValidationReport}
     * the processor made, in order.
     */
    static Compiled compileReporting(JavaFileObject... sources) {
        List<ValidationReport> reports = new ArrayList<>();
        Compilation compilation = javac().withProcessors(new UsdtProcessor(reports::add)).withOptions(LINT).compile(sources);
        return new Compiled(compilation, List.copyOf(reports));
    }

    /** {@link #compileReporting}, which must succeed without a warning. */
    static Compiled compileValid(JavaFileObject... sources) {
        Compiled compiled = compileReporting(sources);
        assertThat(compiled.compilation()).succeededWithoutWarnings();
        return compiled;
    }

    /** A compilation with the processor, and the reports validation gave it. */
    record Compiled(Compilation compilation, List<ValidationReport> reports) {
        /** The model of the only provider of the compilation. */
        ProviderModel model() {
            List<ProviderModel> models = reports.stream().flatMap(report -> report.model().stream()).toList();
            assertEquals(1, models.size(), () -> "models: " + models);
            return models.get(0);
        }

        /** The report of the only provider of the compilation. */
        ValidationReport report() {
            assertEquals(1, reports.size(), () -> "reports: " + reports.size());
            return reports.get(0);
        }

        /**
         * Writes the class output (classes and resources) into {@code directory} and returns a class
         * loader over it, below the test's own, which has the runtime. Close it after use.
         */
        URLClassLoader load(Path directory) throws IOException {
            String prefix = "/" + StandardLocation.CLASS_OUTPUT.getName() + "/";
            for (JavaFileObject file : compilation.generatedFiles()) {
                String path = file.toUri().getPath();
                if (path.startsWith(prefix)) {
                    Path target = directory.resolve(path.substring(prefix.length()));
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.openInputStream()) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return new URLClassLoader(new URL[] {directory.toUri().toURL()}, ProcessorTesting.class.getClassLoader());
        }
    }

    /** The methods a class declares, by name, each with its parameter types; none synthetic. */
    static Map<String, List<Class<?>>> declaredMethods(Class<?> type, Predicate<Method> which) {
        Map<String, List<Class<?>>> methods = new TreeMap<>();
        for (Method method : type.getDeclaredMethods()) {
            if (!method.isSynthetic() && which.test(method)) {
                assertEquals(null, methods.put(method.getName(), List.of(method.getParameterTypes())),
                        () -> "overloads of " + method.getName());
            }
        }
        return methods;
    }

    /** The probe natives of a generated class ({@link NativeContract#fireMethodName}) by probe name, with their parameter types. */
    static Map<String, List<Class<?>>> probeNatives(Class<?> generated) {
        String prefix = NativeContract.fireMethodName("");
        Map<String, List<Class<?>>> natives = new TreeMap<>();
        declaredMethods(generated, method -> Modifier.isNative(method.getModifiers()) && method.getName().startsWith(prefix))
                .forEach((name, parameters) -> natives.put(name.substring(prefix.length()), parameters));
        return natives;
    }

    /** The probe methods of a generated class, sorted by name: its public instance methods that return void. */
    static List<String> probeMethods(Class<?> generated) {
        return java.util.Arrays.stream(generated.getDeclaredMethods())
                .filter(method -> !method.isSynthetic() && Modifier.isPublic(method.getModifiers())
                        && !Modifier.isStatic(method.getModifiers()) && method.getReturnType() == void.class)
                .map(Method::getName).sorted().toList();
    }

    /** Calls the private static method {@code name} of {@code type}, which initializes the class. */
    static Object callStatic(Class<?> type, String name, Class<?> parameterType, Object argument) throws Exception {
        Method method = type.getDeclaredMethod(name, parameterType);
        method.setAccessible(true);
        return method.invoke(null, argument);
    }

    /** A compilation unit whose public type is {@code qualifiedName}. */
    static JavaFileObject source(String qualifiedName, String text) {
        return JavaFileObjects.forSourceString(qualifiedName, text);
    }

    static String text(JavaFileObject file) {
        try {
            return file.getCharContent(false).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 1-based line and column, as javac reports them. */
    record Position(long line, long column) {}

    /** Where {@code snippet}, which must occur exactly once, starts in {@code source}. */
    static Position positionOf(JavaFileObject source, String snippet) {
        String text = text(source);
        int index = text.indexOf(snippet);
        assertTrue(index >= 0, () -> "'" + snippet + "' is not in the test source " + source.getName());
        assertEquals(-1, text.indexOf(snippet, index + 1), () -> "'" + snippet + "' occurs twice in " + source.getName());
        String before = text.substring(0, index);
        long line = before.chars().filter(c -> c == '\n').count() + 1;
        long column = index - (before.lastIndexOf('\n') + 1) + 1;
        return new Position(line, column);
    }

    /**
     * Compiles {@code source}, which must hold an invalid provider, and asserts that javac failed
     * with exactly one error, {@code [usdt4j:<id>]}, at the start of the element at fault, which
     * is where the unique snippet {@code element} starts in the source (for a type, its
     * {@code interface} or {@code class} keyword; for a method or parameter, its name; for an
     * annotation value, the value). Also asserts the processor wrote nothing for it.
     */
    static void assertOnlyError(JavaFileObject source, String id, String element) {
        Compilation compilation = compile(source);
        assertOneErrorAt(compilation, source, element, "[usdt4j:" + id + "]");
        assertThat(compilation).hadWarningCount(0);
        assertEquals(List.of(), filesWritten(source), "files written for an invalid provider");
    }

    /**
     * Asserts that {@code compilation} failed with exactly one error, which contains {@code message}
     * and points where the unique snippet {@code element} starts in {@code file}.
     */
    static void assertOneErrorAt(Compilation compilation, JavaFileObject file, String element, String message) {
        Position at = positionOf(file, element);
        assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(at.line()).atColumn(at.column());
        assertEquals(1, compilation.errors().size(), () -> "expected one error, got:\n" + describe(compilation.errors()));
    }

    /**
     * Every file a compilation of {@code sources} with the processor writes, relative to the
     * output directory. compile-testing hides the output of a failed compilation, so this runs
     * javac again, writing classes and generated sources to a fresh directory.
     */
    static List<String> filesWritten(JavaFileObject... sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path output = null;
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            output = Files.createTempDirectory("usdt4j-processor-test");
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(output));
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(output));
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostic -> {}, List.of(), null, List.of(sources));
            task.setProcessors(List.of(new UsdtProcessor()));
            task.call();
            try (Stream<Path> written = Files.walk(output)) {
                Path root = output;
                return written.filter(Files::isRegularFile).map(file -> root.relativize(file).toString()).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(output);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (directory == null) {
            return;
        }
        try {
            Directories.delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        return diagnostics.stream()
                .map(d -> d.getLineNumber() + ":" + d.getColumnNumber() + " " + d.getMessage(null))
                .collect(Collectors.joining("\n"));
    }
}
