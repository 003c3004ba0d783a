// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.description.MalformedDescriptionException;
import io.usdt4j.writer.LibraryWriter;
import io.usdt4j.writer.ProviderLibrary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The files the processor writes into the class output for a provider, besides its Java class.
 * Which files a provider has is {@link ResourceLayout.Output}'s answer: one file per output, and
 * for the library and its digest one per platform; each output's content is chosen here. The
 * libraries are written by usdt4j-writer from the provider's description, for the platforms of
 * {@code -Ausdt4j.platforms}, so that a build without the Maven plugin (plain {@code javac},
 * Gradle, kapt) has them too.
 */
final class ResourceGenerator {
    /** One file: which output it is, where it goes in the class output, and its bytes. */
    record Resource(ResourceLayout.Output output, String path, byte[] content) {}

    private final ProviderModel model;
    private byte[] description;
    private ProviderLibrary library;
    private final Map<Platform, byte[]> libraries = new EnumMap<>(Platform.class);

    private ResourceGenerator(ProviderModel model) {
        this.model = model;
    }

    /** The files of {@code model}'s provider with libraries for {@code platforms}, in the order of {@link ResourceLayout.Output}. */
    static List<Resource> generate(ProviderModel model, List<Platform> platforms) {
        ResourceGenerator generator = new ResourceGenerator(model);
        List<Resource> resources = new ArrayList<>();
        for (ResourceLayout.Output output : ResourceLayout.Output.of(model.jfr())) {
            if (output.perPlatform()) {
                for (Platform platform : platforms) {
                    resources.add(new Resource(output, output.path(model.provider(), PlatformId.of(platform)),
                            generator.content(output, platform)));
                }
            } else {
                resources.add(new Resource(output, output.path(model.provider(), null), generator.content(output, null)));
            }
        }
        return List.copyOf(resources);
    }

    /** An output's content: a new output does not compile until it has one. */
    private byte[] content(ResourceLayout.Output output, Platform platform) {
        return switch (output) {
            case C_SOURCE -> utf8(CGenerator.generate(model));
            case DESCRIPTION -> description();
            case BPFTRACE_SCRIPT -> utf8(BpftraceGenerator.generate(model));
            case JFR_SETTINGS -> utf8(JfrSink.settings(model));
            case LIBRARY -> library(platform);
            case LIBRARY_DIGEST -> ResourceLayout.digestFile(library(platform)).getBytes(StandardCharsets.US_ASCII);
        };
    }

    /** The description's bytes, once: the libraries carry exactly the bytes of the {@code .json}. */
    private byte[] description() {
        if (description == null) {
            description = utf8(DescriptionGenerator.generate(model));
        }
        return description;
    }

    /** The library for {@code platform}, written once, from the description as the plugin's Java backend writes it. */
    private byte[] library(Platform platform) {
        if (library == null) {
            try {
                library = ProviderLibrary.ofDescription(description());
            } catch (MalformedDescriptionException e) {
                throw new IllegalStateException("the description usdt4j wrote of provider '" + model.provider()
                        + "' does not read back", e);
            }
        }
        return libraries.computeIfAbsent(platform, p -> LibraryWriter.write(library, p));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
