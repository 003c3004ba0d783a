// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import io.usdt4j.contract.ResourceLayout;
import java.util.List;
import java.util.function.Function;

/**
 * A file the processor writes into the class output for a provider, besides its Java class: one
 * shape for all, {@link #path} and {@link #generate}. Which files a provider has is
 * {@link ResourceLayout.Output}'s answer; each output's generator is chosen here.
 */
record ResourceGenerator(ResourceLayout.Output output, Function<ProviderModel, String> content) {

    /** The generators of {@code model}'s provider, in the order of {@link ResourceLayout.Output}. */
    static List<ResourceGenerator> of(ProviderModel model) {
        return ResourceLayout.Output.of(model.jfr()).stream().map(ResourceGenerator::of).toList();
    }

    /** An output's generator: a new output does not compile until it has one. */
    static ResourceGenerator of(ResourceLayout.Output output) {
        return new ResourceGenerator(output, switch (output) {
            case C_SOURCE -> CGenerator::generate;
            case DESCRIPTION -> DescriptionGenerator::generate;
            case BPFTRACE_SCRIPT -> BpftraceGenerator::generate;
            case JFR_SETTINGS -> JfrSink::settings;
        });
    }

    /** Where the file goes in the class output. */
    String path(ProviderModel model) {
        return output.path(model.provider());
    }

    String generate(ProviderModel model) {
        return content.apply(model);
    }
}
