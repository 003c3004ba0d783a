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

import io.usdt4j.writer.ProviderLibrary.Probe;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The providers the writer's tests write libraries of. */
final class TestProviders {
    private TestProviders() {}

    /** The README's example: {@code orderPlaced(long, String, int)} and {@code refundIssued(long, boolean)}. */
    static final ProviderLibrary SHOP = ProviderLibrary.of("shop", "com.example.shop.ShopProbesUsdt", List.of(
            new Probe("order_placed", List.of(INT64, STRING, INT32)),
            new Probe("refund", List.of(INT64, BOOL))), description("shop"));

    /** Every type, the most arguments a probe has, and none: what {@link WriterFixture} declares. */
    static final ProviderLibrary EVERY_TYPE = ProviderLibrary.of(WriterFixture.PROVIDER, WriterFixture.class.getName(),
            List.of(new Probe("signed_integers", List.of(INT8, INT16, INT32, INT64)),
                    new Probe("unsigned_integers", List.of(BOOL, BOOL, UINT8, UINT16, UINT32, UINT64)),
                    new Probe("text", List.of(STRING, STRING)),
                    new Probe("no_arguments", List.of()),
                    new Probe("twelve", List.of(INT64, INT32, INT16, INT8, UINT16, BOOL, INT64, INT32, INT16, INT8, UINT16,
                            STRING))),
            description(WriterFixture.PROVIDER));

    /** One probe of no argument. */
    static final ProviderLibrary MINIMAL = ProviderLibrary.of("tiny", "Tiny",
            List.of(new Probe("tick", List.of())), description("tiny"));

    /** A stand-in for a provider's description: the writer copies it, as is, into {@code .usdt4j}. */
    static byte[] description(String provider) {
        return ("{\"format\": 3, \"provider\": \"" + provider + "\"}\n").getBytes(StandardCharsets.UTF_8);
    }
}
