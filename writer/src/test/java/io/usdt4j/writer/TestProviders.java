// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import static io.usdt4j.description.TracerType.BOOL;
import static io.usdt4j.description.TracerType.INT16;
import static io.usdt4j.description.TracerType.INT32;
import static io.usdt4j.description.TracerType.INT64;
import static io.usdt4j.description.TracerType.INT8;
import static io.usdt4j.description.TracerType.STRING;
import static io.usdt4j.description.TracerType.UINT16;
import static io.usdt4j.description.TracerType.UINT32;
import static io.usdt4j.description.TracerType.UINT64;
import static io.usdt4j.description.TracerType.UINT8;

import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.description.ArgumentDescription;
import io.usdt4j.description.DescriptionCodec;
import io.usdt4j.description.MalformedDescriptionException;
import io.usdt4j.description.ProbeDescription;
import io.usdt4j.description.ProviderDescription;
import io.usdt4j.description.TracerType;
import io.usdt4j.writer.ProviderLibrary.Probe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The providers the writer's tests write libraries of. */
final class TestProviders {
    private TestProviders() {}

    /** The README's example: {@code orderPlaced(long, String, int)} and {@code refundIssued(long, boolean)}. */
    static final ProviderLibrary SHOP = library("shop", "com.example.shop.ShopProbesUsdt",
            new Probe("order_placed", List.of(INT64, STRING, INT32)),
            new Probe("refund", List.of(INT64, BOOL)));

    /** Every type, the most arguments a probe has, and none: what {@link WriterFixture} declares. */
    static final ProviderLibrary EVERY_TYPE = library(WriterFixture.PROVIDER, WriterFixture.class.getName(),
            new Probe("signed_integers", List.of(INT8, INT16, INT32, INT64)),
            new Probe("unsigned_integers", List.of(BOOL, BOOL, UINT8, UINT16, UINT32, UINT64)),
            new Probe("text", List.of(STRING, STRING)),
            new Probe("no_arguments", List.of()),
            new Probe("twelve", List.of(INT64, INT32, INT16, INT8, UINT16, BOOL, INT64, INT32, INT16, INT8, UINT16, STRING)));

    /** One probe of no argument. */
    static final ProviderLibrary MINIMAL = library("tiny", "Tiny", new Probe("tick", List.of()));

    /** The library of {@code probes}, from a description of them as the processor would write it. */
    static ProviderLibrary library(String provider, String className, Probe... probes) {
        try {
            return ProviderLibrary.ofDescription(description(provider, className, List.of(probes)));
        } catch (MalformedDescriptionException e) {
            throw new AssertionError(e);
        }
    }

    /** The description of a provider of {@code probes}, each argument of its type's Java primitive, or a String. */
    static byte[] description(String provider, String className, List<Probe> probes) {
        List<ProbeDescription> described = new ArrayList<>();
        for (Probe probe : probes) {
            List<ArgumentDescription> arguments = new ArrayList<>();
            for (int i = 0; i < probe.arguments().size(); i++) {
                TracerType type = probe.arguments().get(i);
                arguments.add(new ArgumentDescription(i, "a" + i, type == STRING ? "java.lang.String"
                        : FireNative.parameterType(type).getName(), type));
            }
            described.add(new ProbeDescription(probe.name(), probe.name().replace("_", ""), arguments));
        }
        String interfaceName = className.endsWith("Usdt") ? className.substring(0, className.length() - 4) : className;
        return DescriptionCodec.write(ProviderDescription.of(provider, interfaceName, className, Optional.empty(),
                ResourceLayout.libraryPattern(provider), 255, Optional.empty(), described)).getBytes(StandardCharsets.UTF_8);
    }
}
