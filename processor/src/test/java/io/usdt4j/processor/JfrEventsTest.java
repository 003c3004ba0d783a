// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static io.usdt4j.processor.ProcessorTesting.assertOnlyError;
import static io.usdt4j.processor.ProcessorTesting.compileValid;
import static io.usdt4j.processor.ProcessorTesting.source;
import static io.usdt4j.processor.ProcessorTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.UsdtProvider;
import io.usdt4j.contract.GeneratedNames;
import io.usdt4j.contract.ResourceLayout;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import jdk.jfr.Category;
import jdk.jfr.Configuration;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @UsdtProvider(jfr = true)}: the generated event classes and settings, and real JFR
 * recordings of the probes, in this JVM (where the provider's library was never built, so USDT is
 * unavailable and JFR must work all the same).
 */
class JfrEventsTest {
    private static final JavaFileObject PROVIDER = source("com.example.jfr.JfrProbes", """
            package com.example.jfr;
            import io.usdt4j.Probe;
            import io.usdt4j.UsdtProvider;
            @UsdtProvider(value = "jfr_shop", jfr = true)
            public interface JfrProbes {
                enum Phase { START, END }
                /**
                 * An order was placed,
                 *   and paid.
                 * @param orderId the order
                 */
                void orderPlaced(long orderId, String sku, int quantity);
                void everyType(boolean flag, byte small, short medium, char letter, int count, long big, String text);
                void converted(Integer count, Boolean flag, Character letter, Long big, CharSequence text, Phase phase);
                @Probe("tick") void ticked();
                boolean isOrderPlacedEnabled();
            }
            """);

    @Test
    void eachProbeIsAnEventClassNamedAnnotatedAndOffByDefault(@TempDir Path classes) throws Exception {
        ProcessorTesting.Compiled compiled = compileValid(PROVIDER);
        assertTrue(compiled.model().jfr());
        try (URLClassLoader loader = compiled.load(classes)) {
            Map<String, Class<?>> events = eventClasses(loader);
            assertEquals(List.of("everyType", "converted", "orderPlaced", "ticked").size(), events.size(), events.toString());
            Class<?> placed = events.get("usdt4j.jfr_shop.order_placed");
            assertEquals(Event.class, placed.getSuperclass());
            assertEquals("order_placed", placed.getAnnotation(Label.class).value());
            assertEquals(List.of(GeneratedNames.JFR_NAMESPACE, "jfr_shop"), List.of(placed.getAnnotation(Category.class).value()));
            assertEquals("An order was placed, and paid.", placed.getAnnotation(Description.class).value());
            assertNull(events.get("usdt4j.jfr_shop.tick").getAnnotation(Description.class));
            for (Class<?> event : events.values()) {
                assertFalse(event.getAnnotation(Enabled.class).value(), event.getName());
                assertFalse(event.getAnnotation(StackTrace.class).value(), event.getName());
            }
            assertEquals(Map.of("flag", "boolean", "small", "byte", "medium", "short", "letter", "char", "count", "int",
                            "big", "long", "text", "java.lang.String"),
                    fields(EventType.getEventType(events.get("usdt4j.jfr_shop.every_type").asSubclass(Event.class))));
            assertEquals(Map.of("count", "int", "flag", "boolean", "letter", "char", "big", "long",
                            "text", "java.lang.String", "phase", "java.lang.String"),
                    fields(EventType.getEventType(events.get("usdt4j.jfr_shop.converted").asSubclass(Event.class))));
        }
    }

    @Test
    void settingsEnableEveryEventWithoutStackTraces() {
        ProcessorTesting.Compiled compiled = compileValid(PROVIDER);
        String settings = text(compiled.compilation()
                .generatedFile(StandardLocation.CLASS_OUTPUT, ResourceLayout.jfrSettings("jfr_shop")).orElseThrow());
        for (String probe : List.of("order_placed", "every_type", "converted", "tick")) {
            assertTrue(settings.contains("<event name=\"" + GeneratedNames.jfrEventName("jfr_shop", probe) + "\">\n"
                    + "    <setting name=\"enabled\">true</setting>\n"
                    + "    <setting name=\"stackTrace\">false</setting>\n"), settings);
        }
    }

    @Test
    void withoutJfrNothingOfJfrIsGenerated() {
        ProcessorTesting.Compiled compiled = compileValid(source("com.example.Plain", """
                package com.example;
                @io.usdt4j.UsdtProvider("plain")
                public interface Plain { void fired(int x); }
                """));
        assertFalse(compiled.model().jfr());
        assertTrue(compiled.compilation().generatedFile(StandardLocation.CLASS_OUTPUT, ResourceLayout.jfrSettings("plain")).isEmpty());
        String java = text(compiled.compilation().generatedSourceFile("com.example.PlainUsdt").orElseThrow());
        assertFalse(java.contains("jfr"), java);
        assertFalse(java.contains(GeneratedNames.JFR_AVAILABLE), java);
    }

    /**
     * A recording with the provider's .jfc sees every call with its exact arguments: extremes,
     * non-ASCII, null, a null box as 0, an enum's name, a CharSequence's text, and a string longer
     * than maxStringBytes uncut. The is-enabled query is true while it records.
     */
    @Test
    void aRecordingWithTheSettingsRecordsEveryCallExactly(@TempDir Path classes) throws Exception {
        ProcessorTesting.Compiled compiled = compileValid(PROVIDER);
        String longText = "é".repeat(600);
        List<RecordedEvent> recorded;
        try (URLClassLoader loader = compiled.load(classes)) {
            Class<?> generated = loader.loadClass("com.example.jfr.JfrProbesUsdt");
            Object probes = generated.getField(GeneratedNames.INSTANCE).get(null);
            Class<?> phase = loader.loadClass("com.example.jfr.JfrProbes$Phase");
            Object end = phase.getEnumConstants()[1];
            Method query = generated.getMethod("isOrderPlacedEnabled");
            assertEquals(false, query.invoke(probes));
            Path jfc = classes.resolve(ResourceLayout.jfrSettings("jfr_shop"));
            Path file = classes.resolve("rec.jfr");
            try (Recording recording = new Recording(Configuration.create(jfc))) {
                recording.start();
                assertEquals(true, query.invoke(probes));
                call(probes, "orderPlaced", Long.MIN_VALUE, "Grüße, 世界 🙂", Integer.MAX_VALUE);
                call(probes, "orderPlaced", Long.MAX_VALUE, null, -1);
                call(probes, "everyType", true, Byte.MIN_VALUE, Short.MIN_VALUE, '\uffff', Integer.MIN_VALUE, -1L, longText);
                call(probes, "converted", null, null, null, null, null, null);
                call(probes, "converted", -7, true, 'ß', Long.MIN_VALUE, new StringBuilder("built"), end);
                call(probes, "ticked");
                recording.stop();
                recording.dump(file);
            }
            assertEquals(false, query.invoke(probes));
            call(probes, "ticked"); // not recorded: after the recording
            // A recording lists events by the buffer they were flushed from, not by when they were
            // committed (on a loaded machine the first two come last): order them by start time.
            recorded = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().startsWith("usdt4j.jfr_shop."))
                    .sorted(java.util.Comparator.comparing(RecordedEvent::getStartTime)).toList();
        }
        List<String> seen = new ArrayList<>();
        for (RecordedEvent event : recorded) {
            seen.add(event.getEventType().getName().substring("usdt4j.jfr_shop.".length()) + " " + values(event));
        }
        assertEquals(List.of(
                "order_placed {orderId=-9223372036854775808, sku=Grüße, 世界 🙂, quantity=2147483647}",
                "order_placed {orderId=9223372036854775807, sku=null, quantity=-1}",
                "every_type {flag=true, small=-128, medium=-32768, letter=\uffff, count=-2147483648, big=-1, text=" + longText + "}",
                "converted {count=0, flag=false, letter=\u0000, big=0, text=null, phase=null}",
                "converted {count=-7, flag=true, letter=ß, big=-9223372036854775808, text=built, phase=END}",
                "tick {}"), seen);
        for (RecordedEvent event : recorded) {
            assertNull(event.getStackTrace(), "stack traces are off");
        }
    }

    /** A recording with JFR's default settings records none of the events. */
    @Test
    void theDefaultSettingsRecordNothing(@TempDir Path classes) throws Exception {
        ProcessorTesting.Compiled compiled = compileValid(PROVIDER);
        try (URLClassLoader loader = compiled.load(classes)) {
            Class<?> generated = loader.loadClass("com.example.jfr.JfrProbesUsdt");
            Object probes = generated.getField(GeneratedNames.INSTANCE).get(null);
            Path file = classes.resolve("default.jfr");
            try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
                recording.start();
                assertEquals(false, generated.getMethod("isOrderPlacedEnabled").invoke(probes));
                call(probes, "orderPlaced", 1L, "x", 1);
                call(probes, "ticked");
                recording.stop();
                recording.dump(file);
            }
            assertEquals(List.of(), RecordingFile.readAllEvents(file).stream()
                    .map(e -> e.getEventType().getName()).filter(name -> name.startsWith("usdt4j.")).toList());
        }
    }

    /** JFR's own field names (and what JDK 17 to 25 add to an event class) are no argument's. */
    @ParameterizedTest
    @ValueSource(strings = {"startTime", "duration", "eventThread", "stackTrace", "eventHandler", "eventConfiguration"})
    void aParameterNamedLikeAnImplicitFieldIsAnError(String name) {
        assertOnlyError(source("com.example.Probes", """
                package com.example;
                @io.usdt4j.UsdtProvider(jfr = true)
                public interface Probes {
                    void fired(long %s);
                }
                """.formatted(name)), "jfr-reserved-field-name", name + ")");
    }

    /** Without jfr = true, those names are fine. */
    @Test
    void implicitFieldNamesAreFineWithoutJfr() {
        compileValid(source("com.example.Probes", """
                package com.example;
                @io.usdt4j.UsdtProvider
                public interface Probes {
                    void fired(long startTime, long duration);
                }
                """));
    }

    /** In a named module that does not read jdk.jfr: the error is on jfr = true, and nothing is written. */
    @Test
    void aNamedModuleThatDoesNotReadJdkJfrIsAnError(@TempDir Path root) throws Exception {
        Map<String, String> diagnostics = compileModule(root, "requires io.usdt4j;");
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        Map.Entry<String, String> error = diagnostics.entrySet().iterator().next();
        assertTrue(error.getValue().startsWith("[usdt4j:jfr-module-not-read]"), error.getValue());
        assertTrue(error.getValue().contains("module shop.mod does not read jdk.jfr"), error.getValue());
        assertEquals("ERROR 4:40 true", error.getKey());
        assertFalse(Files.exists(root.resolve("out/com/example/modshop/ShopProbesUsdt.class")));
    }

    @Test
    void aNamedModuleThatRequiresStaticJdkJfrCompiles(@TempDir Path root) throws Exception {
        assertEquals(Map.of(), compileModule(root, "requires io.usdt4j; requires static jdk.jfr;"));
        assertTrue(Files.exists(root.resolve("out/com/example/modshop/ShopProbesUsdt.class")));
        assertTrue(Files.exists(root.resolve("out/" + ResourceLayout.jfrSettings("modshop"))));
    }

    /** Compiles module {@code shop.mod} with the processor; its diagnostics by kind, line:column and source text. */
    private static Map<String, String> compileModule(Path root, String requires) throws Exception {
        Path sources = Files.createDirectories(root.resolve("src/com/example/modshop"));
        Files.writeString(root.resolve("src/module-info.java"), "module shop.mod { " + requires + " }\n");
        Files.writeString(sources.resolve("ShopProbes.java"), """
                package com.example.modshop;
                import io.usdt4j.UsdtProvider;

                @UsdtProvider(value = "modshop", jfr = true)
                public interface ShopProbes {
                    void orderPlaced(long orderId, String sku);
                }
                """);
        Path out = Files.createDirectories(root.resolve("out"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        Path runtime = Path.of(UsdtProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(out));
            files.setLocationFromPaths(StandardLocation.MODULE_PATH, List.of(runtime));
            List<Path> units = List.of(root.resolve("src/module-info.java"), sources.resolve("ShopProbes.java"));
            JavaCompiler.CompilationTask task = javac.getTask(null, files, collector, List.of("-proc:only"), null,
                    files.getJavaFileObjectsFromPaths(units));
            task.setProcessors(List.of(new UsdtProcessor()));
            task.call();
            if (collector.getDiagnostics().isEmpty()) { // processing alone passed: compile what it wrote too
                JavaCompiler.CompilationTask full = javac.getTask(null, files, collector, List.of("-proc:none"), null,
                        files.getJavaFileObjectsFromPaths(List.of(units.get(0), units.get(1),
                                out.resolve("com/example/modshop/ShopProbesUsdt.java"))));
                assertTrue(full.call(), () -> collector.getDiagnostics().toString());
            }
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
            String text = d.getSource() == null ? "" : d.getSource().getCharContent(true).toString()
                    .substring((int) d.getStartPosition(), (int) d.getEndPosition());
            found.put(d.getKind() + " " + d.getLineNumber() + ":" + d.getColumnNumber() + " " + text,
                    d.getMessage(null));
        }
        return found;
    }

    /** The provider's event classes by event name. */
    private static Map<String, Class<?>> eventClasses(URLClassLoader loader) throws ClassNotFoundException {
        Class<?> jfr = loader.loadClass("com.example.jfr.JfrProbesUsdt$" + GeneratedNames.JFR_CLASS);
        Map<String, Class<?>> events = new LinkedHashMap<>();
        for (Class<?> nested : jfr.getDeclaredClasses()) {
            if (Event.class.isAssignableFrom(nested)) {
                events.put(nested.getAnnotation(Name.class).value(), nested);
            }
        }
        return events;
    }

    /** The event type's own fields (not JFR's), name to type. */
    private static Map<String, String> fields(EventType type) {
        return type.getFields().stream()
                .filter(f -> !List.of("startTime", "duration", "eventThread", "stackTrace").contains(f.getName()))
                .collect(Collectors.toMap(ValueDescriptor::getName, ValueDescriptor::getTypeName));
    }

    private static String values(RecordedEvent event) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ValueDescriptor field : event.getFields()) {
            if (!List.of("startTime", "duration", "eventThread", "stackTrace").contains(field.getName())) {
                values.put(field.getName(), event.getValue(field.getName()));
            }
        }
        return values.toString();
    }

    private static void call(Object probes, String method, Object... arguments) throws Exception {
        for (Method candidate : probes.getClass().getMethods()) {
            if (candidate.getName().equals(method)) {
                candidate.invoke(probes, arguments);
                return;
            }
        }
        throw new AssertionError("no method " + method);
    }
}
