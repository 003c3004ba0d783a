// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static io.usdt4j.processor.ProcessorTesting.compileReporting;
import static io.usdt4j.processor.ProcessorTesting.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What validation hands the processor: a report of every error of an interface, in order, each
 * placed where javac can show it, and a model only when there is none.
 */
class ValidationReportTest {

    private static List<String> ids(ValidationReport report) {
        return report.items().stream().map(item -> item.message().id).toList();
    }

    private static List<String> elements(ValidationReport report) {
        return report.items().stream().map(item -> item.element().getSimpleName().toString()).toList();
    }

    @Test
    void everyErrorOfAnInterfaceIsAnItemOnTheElementAtFault() {
        ProcessorTesting.Compiled compiled = compileReporting(source("com.example.Probes", """
                package com.example;
                @io.usdt4j.UsdtProvider("bad name")
                public interface Probes {
                    void fired(double x) throws Exception;
                    int count();
                }
                """));
        ValidationReport report = compiled.report();
        assertEquals(List.of("invalid-provider-name", "throws-exceptions", "floating-point-parameter", "not-a-probe-or-query"),
                ids(report));
        assertEquals(List.of("Probes", "fired", "x", "count"), elements(report));
        ValidationReport.Item name = report.items().get(0);
        assertNotNull(name.annotation(), "on the annotation");
        assertEquals("\"bad name\"", name.value().toString(), "on its value");
        assertEquals(Optional.empty(), report.model());
        // Each item is printed, once.
        assertEquals(report.items().stream().map(ValidationReport.Item::text).toList(),
                compiled.compilation().errors().stream().map(error -> error.getMessage(null)).toList());
    }

    /** A method javac cannot point at is reported on the provider, and the message names it. */
    @Test
    void anErrorOnAMethodOfACompiledSuperinterfaceIsOnTheProvider() {
        ValidationReport report = compileReporting(source("com.example.Probes", """
                package com.example;
                @io.usdt4j.UsdtProvider
                public interface Probes extends AutoCloseable {
                    void fired(int x);
                }
                """)).report();
        assertEquals(List.of("throws-exceptions"), ids(report));
        ValidationReport.Item item = report.items().get(0);
        assertEquals("Probes", item.element().getSimpleName().toString());
        assertNull(item.annotation());
        assertEquals(List.of("AutoCloseable.close()"), item.arguments());
    }

    /** A name derived from the interface has no value to point at: the annotation it is missing from. */
    @Test
    void anInvalidDerivedNameIsOnTheAnnotation() {
        ValidationReport report = compileReporting(source("com.example.Caf\u00e9Probes", """
                package com.example;
                @io.usdt4j.UsdtProvider
                public interface Caf\u00e9Probes {
                    void fired(int x);
                }
                """)).report();
        assertEquals(List.of("invalid-provider-name"), ids(report));
        assertNotNull(report.items().get(0).annotation());
        assertNull(report.items().get(0).value());
    }

    @Test
    void aValidProviderHasAModelAndNoItem() {
        ValidationReport report = ProcessorTesting.compileValid(source("com.example.Probes", """
                package com.example;
                @io.usdt4j.UsdtProvider
                public interface Probes {
                    void fired(int x);
                    boolean isFiredEnabled();
                }
                """)).report();
        assertTrue(report.isClean());
        ProviderModel model = report.model().orElseThrow();
        assertEquals("probes", model.provider());
        assertEquals("com.example.ProbesUsdt", model.generatedName().canonicalName());
        assertEquals(List.of("fired"), model.probes().stream().map(ProbeModel::name).toList());
        assertEquals("fired", model.enabledQueries().get(0).probe().name());
    }

    /** The registry spans the compilation: the second interface to claim a name gets the error, and no model. */
    @Test
    void theSecondProviderOfANameHasNoModel() {
        List<ValidationReport> reports = compileReporting(
                source("com.example.First", """
                        package com.example;
                        @io.usdt4j.UsdtProvider("same")
                        public interface First { void fired(int x); }
                        """),
                source("com.example.Second", """
                        package com.example;
                        @io.usdt4j.UsdtProvider("same")
                        public interface Second { void fired(int x); }
                        """)).reports();
        assertEquals(2, reports.size());
        ValidationReport first = reports.stream().filter(ValidationReport::isClean).findFirst().orElseThrow();
        ValidationReport second = reports.stream().filter(report -> !report.isClean()).findFirst().orElseThrow();
        assertEquals("same", first.model().orElseThrow().provider());
        assertEquals(List.of("duplicate-provider-name"), ids(second));
        assertEquals(Optional.empty(), second.model());
    }
}
