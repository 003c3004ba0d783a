// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.ClassName;
import io.usdt4j.contract.ResourceLayout;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The files the processor writes for a provider are the contract's outputs, each by its generator. */
class ResourceGeneratorTest {

    private static ProviderModel model(boolean jfr) {
        return new ProviderModel(null, ClassName.get("com.example", "Probes"), ClassName.get("com.example", "ProbesUsdt"),
                "probes", 255, List.of(), List.of(), Set.of(), new ProviderModel.Origin(true, null), jfr);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aProviderHasTheContractsOutputs(boolean jfr) {
        List<ResourceGenerator> generators = ResourceGenerator.of(model(jfr));
        assertEquals(ResourceLayout.Output.of(jfr), generators.stream().map(ResourceGenerator::output).toList());
        assertEquals(ResourceLayout.generatedResources("probes", jfr),
                generators.stream().map(generator -> generator.path(model(jfr))).toList());
    }

    @ParameterizedTest
    @EnumSource(ResourceLayout.Output.class)
    void eachOutputHasItsGenerator(ResourceLayout.Output output) {
        assertEquals(output, ResourceGenerator.of(output).output());
        assertEquals(output.path("probes"), ResourceGenerator.of(output).path(model(true)));
    }
}
