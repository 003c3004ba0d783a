// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.description.ArgumentDescription;
import io.usdt4j.description.DescriptionCodec;
import io.usdt4j.description.ProbeDescription;
import io.usdt4j.description.ProviderDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes the probe description, {@link ResourceLayout#description}: what the provider's probes
 * are and what a tracer sees of each argument, for the plugin, the runtime and tools, with
 * {@link DescriptionCodec}. {@link #describe} is the provider as the description module models it,
 * which the {@code .bt} ({@link BpftraceGenerator}) prints too.
 */
final class DescriptionGenerator {
    private DescriptionGenerator() {}

    static String generate(ProviderModel model) {
        return DescriptionCodec.write(describe(model));
    }

    /** The provider's description, in the current format. */
    static ProviderDescription describe(ProviderModel model) {
        List<ProbeDescription> probes = new ArrayList<>();
        for (ProbeModel probe : model.probes()) {
            List<ArgumentDescription> arguments = new ArrayList<>();
            for (ProbeModel.Argument argument : probe.arguments()) {
                arguments.add(new ArgumentDescription(arguments.size(), argument.name(), argument.qualifiedType(),
                        argument.type().tracerType()));
            }
            probes.add(new ProbeDescription(probe.name(), probe.methodName(), arguments));
        }
        return ProviderDescription.of(model.provider(), model.interfaceName().canonicalName(),
                model.generatedName().canonicalName(), Optional.ofNullable(model.origin().sourcePath()),
                ResourceLayout.libraryPattern(model.provider()), model.maxStringBytes(),
                model.jfr() ? Optional.of(ResourceLayout.jfrSettings(model.provider())) : Optional.empty(), probes);
    }
}
