// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import io.usdt4j.contract.Limits;
import io.usdt4j.contract.ResourceLayout;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A provider's probe description, as {@link DescriptionCodec} writes and reads it
 * ({@link DescriptionFormat} has its JSON).
 *
 * @param format the {@link DescriptionFormat#VERSION} it was written in, at least
 *     {@link DescriptionFormat#OLDEST_READABLE}; a format before
 *     {@link DescriptionFormat#BOOL_SINCE} has no {@link TracerType#BOOL}
 * @param provider the provider's name, as USDT notes and tracers use it
 * @param interfaceName the {@code @UsdtProvider} interface's canonical name
 * @param className the generated class's canonical name
 * @param source the interface's source file relative to its source root, when the compiler said
 * @param library where the jar holds the library ({@link ResourceLayout#libraryPattern})
 * @param maxStringBytes the most bytes of UTF-8 a string argument passes
 * @param jfrSettings the JFR settings file ({@link ResourceLayout#jfrSettings}), with {@code jfr = true} only
 * @param probes at most {@link io.usdt4j.contract.Limits#MAX_PROBES}, no two of one name
 */
public record ProviderDescription(int format, String provider, String interfaceName, String className,
                                  Optional<String> source, String library, int maxStringBytes,
                                  Optional<String> jfrSettings, List<ProbeDescription> probes) {
    public ProviderDescription {
        if (format < DescriptionFormat.OLDEST_READABLE || format > DescriptionFormat.VERSION) {
            throw new IllegalArgumentException("format " + format + " is not one of "
                    + DescriptionFormat.OLDEST_READABLE + ".." + DescriptionFormat.VERSION);
        }
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(jfrSettings, "jfrSettings");
        if (maxStringBytes < Limits.MIN_STRING_BYTES || maxStringBytes > Limits.MAX_STRING_BYTES) {
            throw new IllegalArgumentException("maxStringBytes " + maxStringBytes + " is outside "
                    + Limits.MIN_STRING_BYTES + ".." + Limits.MAX_STRING_BYTES);
        }
        probes = List.copyOf(probes);
        if (probes.size() > Limits.MAX_PROBES) {
            throw new IllegalArgumentException(probes.size() + " probes, more than the " + Limits.MAX_PROBES
                    + " a description can have");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < probes.size(); i++) {
            if (!names.add(probes.get(i).name())) {
                throw new IllegalArgumentException("probe " + i + " has the name of an earlier one");
            }
            if (format < DescriptionFormat.BOOL_SINCE && probes.get(i).arguments().stream().anyMatch(a -> a.tracerType() == TracerType.BOOL)) {
                throw new IllegalArgumentException("probe " + i + " has a bool argument, which format " + format
                        + " cannot say");
            }
        }
    }

    /** A description in the current {@link DescriptionFormat#VERSION}. */
    public static ProviderDescription of(String provider, String interfaceName, String className, Optional<String> source,
                                         String library, int maxStringBytes, Optional<String> jfrSettings,
                                         List<ProbeDescription> probes) {
        return new ProviderDescription(DescriptionFormat.VERSION, provider, interfaceName, className, source, library,
                maxStringBytes, jfrSettings, probes);
    }

    /** Whether usdt4j's agent wrote the library: its probes fire in {@link ProbeDescription#instrumented() instrumented methods}. */
    public boolean instrumentsMethods() {
        return probes.stream().anyMatch(p -> p.instrumented().isPresent());
    }

    /** Whether the provider has {@code @UsdtProvider(jfr = true)}: its description names its JFR settings. */
    public boolean jfr() {
        return jfrSettings.isPresent();
    }
}
