// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.writer.LibraryWriter;
import io.usdt4j.writer.ProviderLibrary;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The files the processor writes for a provider are the contract's outputs, each by its generator. */
class ResourceGeneratorTest {
    /** A provider's model, as validation makes it. */
    private static ProviderModel model(boolean jfr) {
        return ProcessorTesting.compileValid(ProcessorTesting.source("com.example.Probes", """
                package com.example;
                @io.usdt4j.UsdtProvider(value = "probes", jfr = %s)
                public interface Probes {
                    void fired(long id);
                }
                """.formatted(jfr))).model();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aProviderHasTheContractsOutputsWithALibraryAndDigestPerPlatform(boolean jfr) {
        List<Platform> platforms = List.of(Platform.LINUX_AARCH64, Platform.LINUX_X86_64);
        List<ResourceGenerator.Resource> resources = ResourceGenerator.generate(model(jfr), platforms);
        assertEquals(ResourceLayout.generatedResources("probes", jfr, platforms.stream().map(PlatformId::of).toList()),
                resources.stream().map(ResourceGenerator.Resource::path).toList());
        assertEquals(List.of(ResourceLayout.Output.C_SOURCE, ResourceLayout.Output.DESCRIPTION),
                resources.stream().map(ResourceGenerator.Resource::output).toList().subList(0, 2));
    }

    /** The library is the writer's of the description the processor wrote, and the digest is the library's. */
    @Test
    void eachLibraryIsWrittenFromTheDescriptionAndCarriesItsDigest() throws Exception {
        List<ResourceGenerator.Resource> resources = ResourceGenerator.generate(model(false), List.of(Platform.values()));
        byte[] description = content(resources, ResourceLayout.description("probes"));
        assertEquals(DescriptionGenerator.generate(model(false)), new String(description, StandardCharsets.UTF_8));
        for (Platform platform : Platform.values()) {
            byte[] library = content(resources, ResourceLayout.library(PlatformId.of(platform), "probes"));
            assertArrayEquals(LibraryWriter.write(ProviderLibrary.ofDescription(description), platform), library);
            assertEquals(ResourceLayout.digestFile(library), new String(content(resources,
                    ResourceLayout.libraryDigest(PlatformId.of(platform), "probes")), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void noPlatformNoLibrary() {
        assertEquals(ResourceLayout.generatedResources("probes", false, List.of()),
                ResourceGenerator.generate(model(false), List.of()).stream().map(ResourceGenerator.Resource::path).toList());
    }

    private static byte[] content(List<ResourceGenerator.Resource> resources, String path) {
        return resources.stream().filter(resource -> resource.path().equals(path)).findFirst().orElseThrow().content();
    }
}
