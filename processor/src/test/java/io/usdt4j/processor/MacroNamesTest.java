// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.usdt4j.processor.ProcessorTesting.compile;
import static io.usdt4j.processor.ProcessorTesting.source;
import static io.usdt4j.processor.ProcessorTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import io.usdt4j.testsupport.ProbeNote;
import io.usdt4j.contract.ResourceLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider and probe names that the C compiler or a header defines as macros ({@code linux} and
 * {@code unix} under gnu11, {@code errno}, {@code stdin}, ...) or that are C keywords still build
 * into a library whose notes carry exactly those names.
 */
class MacroNamesTest {
    private static final List<String> PROBES = List.of("unix", "errno", "stdin", "stdout", "offsetof", "int", "static", "EOF", "BUFSIZ");

    @Test
    void macroAndKeywordNamesStayNames(@TempDir Path work) throws Exception {
        StringBuilder body = new StringBuilder();
        for (String probe : PROBES) {
            body.append("    @Probe(\"").append(probe).append("\") void fire_").append(probe).append("(long value, String text);\n");
        }
        Compilation compilation = compile(source("com.example.Probes", """
                package com.example;
                import io.usdt4j.Probe;
                @io.usdt4j.UsdtProvider("linux")
                public interface Probes {
                %s}
                """.formatted(body)));
        assertThat(compilation).succeededWithoutWarnings();
        Path c = work.resolve("linux.c");
        Files.writeString(c, text(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, ResourceLayout.cSource("linux")).orElseThrow()));

        Path library = GoldenCLibraryTest.build(work, c, "linux");
        List<ProbeNote> notes = ProbeNote.read(library);
        assertEquals(PROBES.stream().sorted().toList(), notes.stream().map(ProbeNote::name).distinct().sorted().toList());
        for (ProbeNote note : notes) {
            assertEquals("linux", note.provider(), note::toString);
            assertEquals(List.of(-8, 8), note.argumentSizes(), note::toString);
        }
    }
}
