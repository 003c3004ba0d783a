// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import io.usdt4j.contract.Limits;
import io.usdt4j.testsupport.RandomCases;
import io.usdt4j.testsupport.SeededTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The codec's round trip, and what its reader makes of documents that are not descriptions. */
class DescriptionCodecTest {
    /** What the processor writes for the shop example (the processor's golden shop.json). */
    private static final Path GOLDEN = Path.of("..", "processor", "src", "test", "resources", "golden");

    static final String SHOP = """
            {
              "format": 3,
              "provider": "shop",
              "interface": "com.example.shop.ShopProbes",
              "class": "com.example.shop.ShopProbesUsdt",
              "source": "com/example/shop/ShopProbes.java",
              "library": "META-INF/usdt4j/native/{os}-{arch}/libusdt4j-shop.so",
              "maxStringBytes": 255,
              "probes": [
                {"name": "order_placed", "method": "orderPlaced", "arguments": [
                  {"index": 0, "name": "orderId", "javaType": "long", "usdtSize": -8, "tracerSees": "int64"},
                  {"index": 1, "name": "sku", "javaType": "java.lang.String", "usdtSize": 8, "tracerSees": "string"},
                  {"index": 2, "name": "quantity", "javaType": "int", "usdtSize": -4, "tracerSees": "int32"}
                ]},
                {"name": "refund", "method": "refundIssued", "arguments": [
                  {"index": 0, "name": "orderId", "javaType": "long", "usdtSize": -8, "tracerSees": "int64"},
                  {"index": 1, "name": "partial", "javaType": "boolean", "usdtSize": 1, "tracerSees": "bool"}
                ]}
              ]
            }
            """;

    /** What usdt4j's agent writes for an instrumented method: its entry and return probes. */
    private static final String AGENT = """
            {
              "format": 3,
              "provider": "java",
              "interface": "io.usdt4j.agent.boot.internal.Probes1",
              "class": "io.usdt4j.agent.boot.internal.Probes1",
              "library": "META-INF/usdt4j/native/{os}-{arch}/libusdt4j-java.so",
              "maxStringBytes": 255,
              "probes": [
                {"name": "Shop__placeOrder__1b2c3d4e__entry", "method": "placeOrder", "javaClass": "com.example.Shop", "descriptor": "(JLcom/example/Order;)J", "event": "entry", "arguments": [
                  {"index": 0, "name": "orderId", "javaType": "long", "usdtSize": -8, "tracerSees": "int64"},
                  {"index": 1, "name": "order", "javaType": "com.example.Order", "usdtSize": 8, "tracerSees": "string", "passes": "className"}
                ]},
                {"name": "Shop__placeOrder__1b2c3d4e__return", "method": "placeOrder", "javaClass": "com.example.Shop", "descriptor": "(JLcom/example/Order;)J", "event": "return", "arguments": [
                  {"index": 0, "name": "ns", "javaType": "long", "usdtSize": -8, "tracerSees": "int64"},
                  {"index": 1, "name": "threw", "javaType": "java.lang.Throwable", "usdtSize": 8, "tracerSees": "string", "passes": "className"},
                  {"index": 2, "name": "value", "javaType": "long", "usdtSize": -8, "tracerSees": "int64"}
                ]}
              ]
            }
            """;

    /** Text a forger puts in a document: no message may repeat it. */
    private static final String EVIL = "\u001b[31mEVIL\\n";

    @Test
    void readsTheShop() throws IOException {
        ProviderDescription shop = read(SHOP);

        assertEquals(ProviderDescription.of("shop", "com.example.shop.ShopProbes", "com.example.shop.ShopProbesUsdt",
                Optional.of("com/example/shop/ShopProbes.java"), "META-INF/usdt4j/native/{os}-{arch}/libusdt4j-shop.so", 255,
                Optional.empty(), List.of(
                        new ProbeDescription("order_placed", "orderPlaced", List.of(
                                new ArgumentDescription(0, "orderId", "long", TracerType.INT64),
                                new ArgumentDescription(1, "sku", "java.lang.String", TracerType.STRING),
                                new ArgumentDescription(2, "quantity", "int", TracerType.INT32))),
                        new ProbeDescription("refund", "refundIssued", List.of(
                                new ArgumentDescription(0, "orderId", "long", TracerType.INT64),
                                new ArgumentDescription(1, "partial", "boolean", TracerType.BOOL))))), shop);
        assertEquals(SHOP, DescriptionCodec.write(shop));
        assertFalse(shop.jfr());
    }

    @Test
    void readsAnAgentsInstrumentedMethods() throws IOException {
        ProviderDescription agent = read(AGENT);

        String descriptor = "(JLcom/example/Order;)J";
        assertEquals(List.of(
                new ProbeDescription("Shop__placeOrder__1b2c3d4e__entry", "placeOrder", List.of(
                        new ArgumentDescription(0, "orderId", "long", TracerType.INT64),
                        new ArgumentDescription(1, "order", "com.example.Order", TracerType.STRING,
                                ArgumentDescription.Passed.CLASS_NAME)),
                        Optional.of(new InstrumentedMethod("com.example.Shop", descriptor, InstrumentedMethod.Event.ENTRY))),
                new ProbeDescription("Shop__placeOrder__1b2c3d4e__return", "placeOrder", List.of(
                        new ArgumentDescription(0, "ns", "long", TracerType.INT64),
                        new ArgumentDescription(1, "threw", "java.lang.Throwable", TracerType.STRING,
                                ArgumentDescription.Passed.CLASS_NAME),
                        new ArgumentDescription(2, "value", "long", TracerType.INT64)),
                        Optional.of(new InstrumentedMethod("com.example.Shop", descriptor, InstrumentedMethod.Event.RETURN)))),
                agent.probes());
        assertTrue(agent.instrumentsMethods());
        assertFalse(read(SHOP).instrumentsMethods());
        assertEquals(AGENT, DescriptionCodec.write(agent));
    }

    /** A reader that knows nothing of instrumented methods (format 3 before the agent) reads the rest: the members are extra. */
    @Test
    void anAgentsDescriptionIsAProvidersLessItsExtraMembers() throws IOException {
        String plain = AGENT.replaceAll(", \"javaClass\": \"[^\"]*\", \"descriptor\": \"[^\"]*\", \"event\": \"[a-z]*\"", "")
                .replace(", \"passes\": \"className\"", "");
        ProviderDescription agent = read(AGENT);
        ProviderDescription stripped = read(plain);
        assertFalse(stripped.instrumentsMethods());
        assertEquals(agent.probes().size(), stripped.probes().size());
        for (int i = 0; i < agent.probes().size(); i++) {
            assertEquals(agent.probes().get(i).name(), stripped.probes().get(i).name());
            assertEquals(agent.probes().get(i).arguments().stream().map(ArgumentDescription::tracerType).toList(),
                    stripped.probes().get(i).arguments().stream().map(ArgumentDescription::tracerType).toList());
        }
    }

    /** Each golden description the processor's tests hold reads, and writes back byte for byte. */
    @Test
    void everyGoldenRoundTrips() throws IOException {
        List<Path> goldens;
        try (Stream<Path> files = Files.list(GOLDEN)) {
            goldens = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(goldens.size() >= 5, goldens.toString());
        for (Path golden : goldens) {
            String text = Files.readString(golden);
            ProviderDescription description = DescriptionCodec.read(text.getBytes(StandardCharsets.UTF_8));
            assertEquals(text, DescriptionCodec.write(description), golden.toString());
            assertEquals(text.contains("\"" + DescriptionFormat.JFR_SETTINGS + "\""), description.jfr(), golden.toString());
        }
    }

    /** Random descriptions, 500 in all: each writes a document of no control character but newlines, that reads back the same. */
    @SeededTest
    void anyDescriptionRoundTrips(long seed) {
        RandomCases.check(seed, RandomCases.perSeed(500), Descriptions::provider, description -> {
            String json = DescriptionCodec.write(description);
            assertEquals(description, DescriptionCodec.read(json.getBytes(StandardCharsets.UTF_8)));
            assertTrue(json.chars().noneMatch(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f), json);
        });
    }

    /** Format 2, which called a boolean uint8, reads as it was written. */
    @Test
    void readsFormat2() throws IOException {
        String format2 = SHOP.replace("\"format\": 3", "\"format\": 2").replace("\"bool\"", "\"uint8\"");

        ProviderDescription shop = read(format2);

        assertEquals(2, shop.format());
        assertEquals(TracerType.UINT8, shop.probes().get(1).arguments().get(1).tracerType());
        assertEquals(format2, DescriptionCodec.write(shop));
    }

    @Test
    void ignoresMembersItDoesNotKnow() throws IOException {
        String more = SHOP.replace("\"maxStringBytes\": 255,", "\"maxStringBytes\": 255, \"later\": {\"deep\": [1, -2.5e3, true,"
                + " false, null, \"x\", {}, []]},").replace("\"method\": \"refundIssued\",", "\"method\": \"refundIssued\", \"x\": 1,");

        assertEquals(read(SHOP), read(more));
    }

    static Stream<Arguments> malformed() {
        List<Arguments> cases = new ArrayList<>();
        java.util.function.BiConsumer<String, String> add = (document, message) -> cases.add(Arguments.of(
                document.getBytes(StandardCharsets.UTF_8), message));
        add.accept("", "it is not JSON: a value is missing at character 0");
        add.accept("   ", "it is not JSON: a value is missing at character 3");
        add.accept("{", "it is not JSON: a member name is expected at character 1");
        add.accept("{\"format\" 3}", "it is not JSON: ':' is expected at character 10");
        add.accept("{\"format\": 3,}", "it is not JSON: a member name is expected at character 13");
        add.accept("[1 2]", "it is not JSON: ',' or ']' is expected at character 3");
        add.accept("\uFEFF" + SHOP, "it is not JSON: a value is expected at character 0");
        add.accept(SHOP + "x", "it is not JSON: more follows the JSON value at character " + SHOP.length());
        add.accept(SHOP.replace("\"shop\",", "\"shop\", \"provider\": \"shop\","), "it is not JSON: a member name appears twice");
        add.accept(SHOP.replace("\"shop\"", "\"sh\u001b[31mEVIL\n\""), "it is not JSON: a control character is not escaped");
        add.accept(SHOP.replace("\"shop\"", "\"\\x\""), "it is not JSON: an escape is not one JSON has");
        add.accept(SHOP.replace("\"shop\"", "\"\\ud800\""), "it is not JSON: an escaped surrogate has no pair");
        add.accept(SHOP.replace("\"shop\"", "\"\\udc00\\ud800\""), "it is not JSON: an escaped surrogate has no pair");
        add.accept(SHOP.replace("\"shop\"", "\"\\u12\""), "it is not JSON: a \\u escape needs four hex digits");
        add.accept(SHOP.replace("\"shop\"", "\"\\u০১২৩\""), "it is not JSON: a \\u escape needs four hex digits");
        add.accept(SHOP.replace("\"shop\"", "\"" + EVIL), "it is not JSON: a control character is not escaped");
        add.accept(SHOP.substring(0, SHOP.indexOf("shop")), "it is not JSON: a string does not end");
        add.accept(SHOP.replace("255", "-"), "it is not JSON: a number needs a digit");
        add.accept(SHOP.replace("255", "2."), "it is not JSON: a number needs a digit");
        add.accept(SHOP.replace("255", "0255"), "it is not JSON: ',' or '}' is expected at character 269");
        add.accept(SHOP.replace("255", "tru"), "it is not JSON: a value is expected");
        add.accept("[".repeat(100_000), "it is not JSON: arrays and objects nest more than 16 deep at character 16");
        add.accept("{\"a\":".repeat(100_000), "it is not JSON: arrays and objects nest more than 16 deep");
        add.accept(SHOP.replace("\"shop\"", "\"" + "s".repeat(DescriptionFormat.MAX_STRING_CHARS + 1) + "\""),
                "it is not JSON: a string is longer than 4096 characters at character 31");
        add.accept(SHOP.replace("\"shop\"", "\"" + "\\u00e9".repeat(DescriptionFormat.MAX_STRING_CHARS + 1) + "\""),
                "it is not JSON: a string is longer than 4096 characters");
        add.accept(SHOP + " ".repeat(DescriptionFormat.MAX_DOCUMENT_BYTES), "it is " + (SHOP.length()
                + DescriptionFormat.MAX_DOCUMENT_BYTES) + " bytes long, more than the 1048576 a description may have");
        add.accept("[]", "the document is an array, not an object");
        add.accept("\"" + EVIL.replace("\u001b", "\\u001b") + "\"", "the document is a string, not an object");
        add.accept("{}", "format is missing");
        add.accept(SHOP.replace("\"format\": 3", "\"format\": \"3\""), "format is a string, not an integer");
        add.accept(SHOP.replace("\"format\": 3", "\"format\": 3.0"), "format is a number that is not an integer, not an integer");
        add.accept(SHOP.replace("\"format\": 3", "\"format\": 1e0"), "format is a number that is not an integer, not an integer");
        add.accept(SHOP.replace("\"format\": 3", "\"format\": 99999999999"), "format is 99999999999, out of range");
        add.accept(SHOP.replace("\"format\": 3", "\"format\": 1234567890123456789012345"),
                "format is a number that is not an integer, not an integer");
        add.accept(SHOP.replace("\"format\": 3", "\"format\": 4"),
                "it has format 4, and this usdt4j reads formats 2 to 3: read it with the usdt4j that wrote it, or a later one");
        add.accept(SHOP.replace("\"format\": 3", "\"format\": 1"), "it has format 1, and this usdt4j reads formats 2 to 3");
        add.accept(SHOP.replace("\"format\": 3", "\"format\": 2"), "probes[1].arguments[1].tracerSees names no tracer type of"
                + " format 2 (int8, uint8, int16, uint16, int32, uint32, int64, uint64, string)");
        add.accept(SHOP.replace("  \"provider\": \"shop\",\n", ""), "provider is missing");
        add.accept(SHOP.replace("\"provider\": \"shop\"", "\"provider\": null"), "provider is null, not a string");
        add.accept(SHOP.replace("\"source\": \"com/example/shop/ShopProbes.java\"", "\"source\": false"),
                "source is a boolean, not a string");
        add.accept(SHOP.replace("\"maxStringBytes\": 255", "\"maxStringBytes\": 0"),
                "the document: maxStringBytes 0 is outside 1..4095");
        add.accept(SHOP.replace("\"maxStringBytes\": 255", "\"maxStringBytes\": 4096"),
                "the document: maxStringBytes 4096 is outside 1..4095");
        add.accept(SHOP.replace("\"probes\": [", "\"probes\": {\"a\": [").replace("  ]\n}", "  ]}\n}"),
                "probes is an object, not an array");
        add.accept(SHOP.replace("\"probes\": [", "\"probes\": [7,"), "probes[0] is an integer, not an object");
        add.accept(SHOP.replace("\"method\": \"orderPlaced\", ", ""), "probes[0].method is missing");
        add.accept(SHOP.replace("\"refund\"", "\"order_placed\""), "the document: probe 1 has the name of an earlier one");
        add.accept(SHOP.replace("\"tracerSees\": \"int32\"", "\"tracerSees\": \"" + EVIL.replace("\u001b", "\\u001b") + "\""),
                "probes[0].arguments[2].tracerSees names no tracer type of format 3 (bool, int8, uint8, int16, uint16, int32,"
                        + " uint32, int64, uint64, string)");
        add.accept(SHOP.replace("\"usdtSize\": -4", "\"usdtSize\": 4"),
                "probes[0].arguments[2].usdtSize is 4, but tracerSees int32 has size -4");
        add.accept(SHOP.replace("\"index\": 2", "\"index\": 5"), "probes[0]: argument 2 has index 5");
        add.accept(SHOP.replace("\"index\": 2", "\"index\": 12"), "probes[0].arguments[2]: argument index 12 is outside 0..11");
        add.accept(SHOP.replace("\"index\": 2", "\"index\": -1"), "probes[0].arguments[2]: argument index -1 is outside 0..11");
        add.accept(SHOP.replace("\"name\": \"quantity\"", "\"name\": \"sku\""),
                "probes[0]: argument 2 has the name of an earlier one");
        String argument = "{\"index\": 0, \"name\": \"a\", \"javaType\": \"int\", \"usdtSize\": -4, \"tracerSees\": \"int32\"}";
        add.accept(SHOP.replace("\"arguments\": [\n      {\"index\": 0, \"name\": \"orderId\"", "\"arguments\": ["
                        + (argument + ",").repeat(Limits.MAX_ARGUMENTS) + "\n      {\"index\": 0, \"name\": \"orderId\""),
                "probes[0].arguments has 15 elements, more than the 12 it may have");
        add.accept(AGENT.replace(", \"event\": \"entry\"", ""), "probes[0].event is missing, and an instrumented method's probe"
                + " has javaClass, descriptor and event");
        add.accept(AGENT.replace(", \"descriptor\": \"(JLcom/example/Order;)J\", \"event\": \"return\"", ""),
                "probes[1].descriptor is missing");
        add.accept(AGENT.replace("\"javaClass\": \"com.example.Shop\", ", ""), "probes[0].javaClass is missing");
        add.accept(AGENT.replace("\"event\": \"entry\"", "\"event\": \"" + EVIL.replace("\u001b", "\\u001b") + "\""),
                "probes[0].event is neither entry nor return");
        add.accept(AGENT.replace("\"event\": \"entry\"", "\"event\": 1"), "probes[0].event is an integer, not a string");
        add.accept(AGENT.replace("\"passes\": \"className\"}\n    ]},", "\"passes\": \"value\"}\n    ]},"),
                "probes[0].arguments[1].passes is not className");
        add.accept(AGENT.replace("\"javaType\": \"long\", \"usdtSize\": -8, \"tracerSees\": \"int64\"}\n    ]}\n",
                "\"javaType\": \"long\", \"usdtSize\": -8, \"tracerSees\": \"int64\", \"passes\": \"className\"}\n    ]}\n"),
                "probes[1].arguments[2]: argument 2 passes its class's name, which is a string, not int64");
        String probe = "{\"name\": \"p\", \"method\": \"p\", \"arguments\": []},";
        // More probes than a provider may have cannot fit in a description's bytes: the size is refused first.
        add.accept(SHOP.replace("\"probes\": [", "\"probes\": [" + probe.repeat(Limits.MAX_PROBES)),
                "it is " + (SHOP.length() + probe.length() * Limits.MAX_PROBES) + " bytes long, more than the "
                        + DescriptionFormat.MAX_DOCUMENT_BYTES + " a description may have");
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformed")
    void malformedDocumentsFailInOneSafeLine(byte[] document, String message) {
        MalformedDescriptionException e = assertThrows(MalformedDescriptionException.class, () -> DescriptionCodec.read(document));
        assertTrue(e.getMessage().startsWith(message), "expected " + message + "\n     got " + e.getMessage());
        assertSafe(e.getMessage());
    }

    static Stream<Arguments> notUtf8() {
        return Stream.of(
                Arguments.of("a byte no UTF-8 has", new byte[] {'{', (byte) 0xff, '}'}),
                Arguments.of("an overlong slash", new byte[] {'"', (byte) 0xc0, (byte) 0xaf, '"'}),
                Arguments.of("an encoded surrogate", new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}),
                Arguments.of("a cut sequence", new byte[] {'"', (byte) 0xe2, (byte) 0x82}),
                Arguments.of("Latin-1", "{\"provider\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)),
                Arguments.of("UTF-16", SHOP.getBytes(StandardCharsets.UTF_16)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notUtf8")
    void documentsThatAreNotUtf8Fail(String what, byte[] document) {
        MalformedDescriptionException e = assertThrows(MalformedDescriptionException.class, () -> DescriptionCodec.read(document));
        assertEquals("it is not UTF-8", e.getMessage());
    }

    /** The shop, cut at every byte: each prefix fails cleanly (only the whole, less its last newline, reads). */
    @Test
    void everyPrefixOfTheShopFailsCleanly() {
        byte[] shop = SHOP.stripTrailing().getBytes(StandardCharsets.UTF_8);
        for (int n = 0; n < shop.length; n++) {
            byte[] prefix = java.util.Arrays.copyOf(shop, n);
            MalformedDescriptionException e = assertThrows(MalformedDescriptionException.class, () -> DescriptionCodec.read(prefix));
            assertSafe(e.getMessage());
        }
    }

    @Test
    void theWriterRefusesWhatNoReaderTakes() {
        ArgumentDescription lone = new ArgumentDescription(0, "a\ud800", "int", TracerType.INT32);
        assertThrows(IllegalArgumentException.class, () -> DescriptionCodec.write(provider(List.of(
                new ProbeDescription("p", "p", List.of(lone))))));
        assertThrows(IllegalArgumentException.class, () -> DescriptionCodec.write(provider(List.of(
                new ProbeDescription("p".repeat(DescriptionFormat.MAX_STRING_CHARS + 1), "p", List.of())))));
        // 4096 probes of 12 arguments with long names: over 1 MiB.
        List<ArgumentDescription> twelve = IntStream.range(0, Limits.MAX_ARGUMENTS)
                .mapToObj(i -> new ArgumentDescription(i, "argument_" + "x".repeat(40) + i, "java.lang.String", TracerType.STRING))
                .toList();
        List<ProbeDescription> many = IntStream.range(0, Limits.MAX_PROBES)
                .mapToObj(i -> new ProbeDescription("probe_" + i, "probe" + i, twelve)).toList();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DescriptionCodec.write(provider(many)));
        assertTrue(e.getMessage().contains("more than the 1048576 a reader takes"), e.getMessage());
    }

    @Test
    void theModelKeepsItsRules() {
        assertThrows(IllegalArgumentException.class, () -> new ArgumentDescription(Limits.MAX_ARGUMENTS, "a", "int",
                TracerType.INT32));
        assertThrows(IllegalArgumentException.class, () -> new ProbeDescription("p", "p", List.of(
                new ArgumentDescription(1, "a", "int", TracerType.INT32))));
        assertThrows(IllegalArgumentException.class, () -> provider(List.of(new ProbeDescription("p", "p", List.of()),
                new ProbeDescription("p", "q", List.of()))));
        assertThrows(IllegalArgumentException.class, () -> new ProviderDescription(2, "shop", "I", "C", Optional.empty(), "l", 255,
                Optional.empty(), List.of(new ProbeDescription("p", "p", List.of(new ArgumentDescription(0, "a", "boolean",
                        TracerType.BOOL))))));
        assertThrows(IllegalArgumentException.class, () -> new ProviderDescription(DescriptionFormat.VERSION + 1, "shop", "I",
                "C", Optional.empty(), "l", 255, Optional.empty(), List.of()));
        assertEquals("String", new ArgumentDescription(0, "a", "java.lang.String", TracerType.STRING).displayType());
        assertEquals("java.lang.Thread.State", new ArgumentDescription(0, "a", "java.lang.Thread.State", TracerType.STRING)
                .displayType());
        assertEquals("com.example.Phase", new ArgumentDescription(0, "a", "com.example.Phase", TracerType.STRING).displayType());
    }

    private static ProviderDescription provider(List<ProbeDescription> probes) {
        return ProviderDescription.of("shop", "I", "C", Optional.empty(), "l", 255, Optional.empty(), probes);
    }

    /** One line of printable ASCII, which repeats nothing a forger wrote. */
    static void assertSafe(String message) {
        assertTrue(message.chars().allMatch(c -> c >= 0x20 && c < 0x7f), message);
        assertFalse(message.contains("EVIL"), message);
        assertTrue(message.length() < 300, message);
    }

    private static ProviderDescription read(String document) throws MalformedDescriptionException {
        return DescriptionCodec.read(document.getBytes(StandardCharsets.UTF_8));
    }
}
