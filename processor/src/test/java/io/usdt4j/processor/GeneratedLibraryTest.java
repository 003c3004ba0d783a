// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static io.usdt4j.processor.ProcessorTesting.compileValid;
import static io.usdt4j.processor.ProcessorTesting.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.Usdt;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated Java and the generated C agree on the native contract: a provider's C, built with
 * gcc as the plugin builds it and put where the runtime looks, loads into this JVM; its
 * {@code JNI_OnLoad} registers what the Java class declares, and binding the probes succeeds.
 * Skips like {@link GoldenCLibraryTest} when gcc is missing, unless {@code USDT4J_REQUIRE_TRACER=1}.
 */
class GeneratedLibraryTest {

    @Test
    void theGeneratedLibraryLoadsAndBindsTheGeneratedClass(@TempDir Path work) throws Exception {
        ProcessorTesting.Compiled compiled = compileValid(source("com.example.lib.LibProbes", """
                package com.example.lib;
                @io.usdt4j.UsdtProvider("lib_probes")
                public interface LibProbes {
                    void placed(long id, String sku, Integer count);
                    void tick();
                    boolean isPlacedEnabled();
                }
                """));
        String provider = compiled.model().provider();
        Path classes = Files.createDirectories(work.resolve("classes"));
        try (URLClassLoader loader = compiled.load(classes)) {
            Path c = classes.resolve(ResourceLayout.cSource(provider));
            Path built = GoldenCLibraryTest.build(Files.createDirectories(work.resolve("gcc")), c, provider);
            Path library = classes.resolve(ResourceLayout.library(PlatformId.host(), provider));
            // In place of the one the processor wrote in Java, with its digest.
            Files.copy(built, library, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(classes.resolve(ResourceLayout.libraryDigest(PlatformId.host(), provider)),
                    ResourceLayout.digestFile(Files.readAllBytes(library)));
            Class<?> probes = loader.loadClass("com.example.lib.LibProbes");
            Optional<String> unavailable = Usdt.unavailableReason(probes);
            assertEquals(Optional.empty(), unavailable, "the library did not load");
            assertTrue(Usdt.libraryPath(probes).isPresent());
            Object instance = Usdt.provider(probes);
            // No tracer is attached: the query is false and the probes return at once.
            assertFalse((Boolean) probes.getMethod("isPlacedEnabled").invoke(instance));
            probes.getMethod("placed", long.class, String.class, Integer.class).invoke(instance, 7L, "sku", null);
            probes.getMethod("tick").invoke(instance);
        }
    }
}
