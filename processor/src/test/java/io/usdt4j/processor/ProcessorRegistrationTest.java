// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How build tools find the processor (javac's service file, Gradle's incremental declaration) and how its classes name it. */
class ProcessorRegistrationTest {

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = UsdtProcessor.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is not in the processor jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /**
     * Aggregating, not isolating: each file's content comes from its interface alone, but its path
     * comes from the provider's name, which two interfaces may claim; the error that refuses the
     * second ({@code duplicate-provider-name}) reads every provider of the compilation, which only
     * an aggregating processor sees in an incremental build.
     */
    @Test
    void gradleIncrementalDeclarationNamesTheProcessorAsAggregating() throws IOException {
        assertEquals(List.of(UsdtProcessor.class.getName() + ",aggregating"),
                lines("META-INF/gradle/incremental.annotation.processors"));
    }

    /** The contract names the processor where the generated class's {@code @Generated} says, and validation reads, who wrote it. */
    @Test
    void theGeneratedAnnotationNamesThisProcessor() {
        assertEquals(UsdtProcessor.class.getName(), io.usdt4j.contract.GeneratedNames.GENERATOR);
    }

    @Test
    void serviceFileNamesTheProcessor() throws IOException {
        assertEquals(List.of(UsdtProcessor.class.getName()), lines("META-INF/services/javax.annotation.processing.Processor"));
    }
}
