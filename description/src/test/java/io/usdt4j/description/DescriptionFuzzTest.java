// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.usdt4j.testsupport.FuzzCorpus;
import io.usdt4j.testsupport.RandomCases;
import io.usdt4j.testsupport.SeededTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Fuzzes the description codec's reader, {@link DescriptionCodec#read}, with documents a forger
 * writes: whatever the bytes, it returns a description that writes back to a document that reads
 * the same, or throws its own {@link MalformedDescriptionException} of one safe line; no other
 * exception, no hang, no large allocation.
 *
 * <p>{@link #anyBytesReadOrFailInOneSafeLine} is a Jazzer fuzz test: in the build's tests it runs on
 * its seed corpus ({@code src/test/resources/io/usdt4j/description/DescriptionFuzzTestInputs/}, which
 * {@link #theSeedCorpusIsWhatTheTestsBuild} keeps current), and the surefire execution
 * {@code fuzz} fuzzes it for {@code usdt4j.fuzz.seconds} (docs/security.md). The seeded properties
 * below draw the documents no mutation of a few kilobytes reaches: nesting far past
 * {@link DescriptionFormat#MAX_DEPTH}, strings, numbers and documents past their bounds.
 */
class DescriptionFuzzTest {
    /** What the processor writes: its golden descriptions. */
    private static final Path GOLDEN = Path.of("..", "processor", "src", "test", "resources", "golden");
    /** The largest seed: a few kilobytes, so that the fuzzer's inputs stay small and fast. */
    private static final int MAX_SEED_BYTES = 8 << 10;
    private static final byte[] SHOP = DescriptionCodecTest.SHOP.getBytes(StandardCharsets.UTF_8);
    /** The tokens of JSON and of the format, which the fuzzer splices in (its dictionary) as the seeded properties do. */
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "\\", "\\u", "d800", "1", "-", ".", "e",
            "true", "null", " ", "\"format\"", "\"probes\"", "\"arguments\"", "3", "\u00e9", "\u0000");

    /** Each input read within 10 seconds (a hang is a finding), by the fuzzer or by JUnit on another thread. */
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"{", "}", "[", "]", ":", ",", "\"", "\\", "\\u", "d800", "true", "false", "null", "1e9", "-0.5",
            "\"format\"", "\"provider\"", "\"interface\"", "\"class\"", "\"source\"", "\"library\"", "\"maxStringBytes\"",
            "\"jfrSettings\"", "\"probes\"", "\"name\"", "\"method\"", "\"arguments\"", "\"index\"", "\"javaType\"", "\"usdtSize\"",
            "\"tracerSees\"", "\"bool\"", "\"int8\"", "\"uint8\"", "\"int16\"", "\"uint16\"", "\"int32\"", "\"uint32\"", "\"int64\"",
            "\"uint64\"", "\"string\""})
    void anyBytesReadOrFailInOneSafeLine(byte[] document) {
        readOrFailSafely(document);
    }

    static void readOrFailSafely(byte[] document) {
        ProviderDescription description;
        try {
            description = DescriptionCodec.read(document);
        } catch (MalformedDescriptionException e) {
            DescriptionCodecTest.assertSafe(e.getMessage());
            return;
        }
        // What reads writes back to a document that reads the same.
        try {
            assertEquals(description, DescriptionCodec.read(DescriptionCodec.write(description).getBytes(StandardCharsets.UTF_8)));
        } catch (MalformedDescriptionException e) {
            throw new AssertionError("what it read, written, does not read: " + e.getMessage(), e);
        }
    }

    /** The seeds: the processor's goldens, the shop in format 2 and 3, cut, and each malformed or non-UTF-8 document of the codec's tests. */
    static Map<String, byte[]> seeds() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(GOLDEN)) {
            for (Path golden : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                seeds.put("golden-" + golden.getFileName(), Files.readAllBytes(golden));
            }
        }
        seeds.put("shop.json", SHOP);
        seeds.put("shop-format-2.json", DescriptionCodecTest.SHOP.replace("\"format\": 3", "\"format\": 2")
                .replace("\"bool\"", "\"uint8\"").getBytes(StandardCharsets.UTF_8));
        for (int quarter = 1; quarter < 4; quarter++) {
            seeds.put("shop-cut-" + quarter + "-4.json", Arrays.copyOf(SHOP, SHOP.length * quarter / 4));
        }
        seeds.put("deep-17.json", "[".repeat(DescriptionFormat.MAX_DEPTH + 1).getBytes(StandardCharsets.UTF_8));
        seeds.put("string-" + DescriptionFormat.MAX_STRING_CHARS + ".json", DescriptionCodecTest.SHOP.replace("\"shop\"",
                "\"" + "s".repeat(DescriptionFormat.MAX_STRING_CHARS) + "\"").getBytes(StandardCharsets.UTF_8));
        add(seeds, "malformed", DescriptionCodecTest.malformed(), 0, 1);
        add(seeds, "not-utf8", DescriptionCodecTest.notUtf8(), 1, 0);
        return seeds;
    }

    /** Each case of {@code cases} whose document is at most {@link #MAX_SEED_BYTES}, named by its number and what it is. */
    private static void add(Map<String, byte[]> seeds, String kind, Stream<Arguments> cases, int document, int what) {
        List<Object[]> all = cases.map(Arguments::get).toList();
        for (int i = 0; i < all.size(); i++) {
            byte[] bytes = (byte[]) all.get(i)[document];
            if (bytes.length <= MAX_SEED_BYTES) {
                seeds.put(FuzzCorpus.name(kind, i, (String) all.get(i)[what], "json"), bytes);
            }
        }
    }

    @Test
    void theSeedCorpusIsWhatTheTestsBuild() throws IOException {
        FuzzCorpus.assertMatches(DescriptionFuzzTest.class, "anyBytesReadOrFailInOneSafeLine", seeds());
    }

    /** 2000 documents: random bytes, JSON tokens, the shop cut, overwritten or with tokens spliced in. */
    @SeededTest
    void anyDocumentReadsOrFailsInOneSafeLine(long seed) {
        RandomCases.check(seed, RandomCases.perSeed(2000), DescriptionFuzzTest::document, DescriptionFuzzTest::readOrFailSafely);
    }

    /** 1000 documents, a sixth of them deep or huge: nesting, strings, numbers, members past every bound, names not UTF-8. */
    @SeededTest
    void anyDocumentDeepOrHugeReadsOrFailsInOneSafeLine(long seed) {
        RandomCases.check(seed, RandomCases.perSeed(1000), DescriptionFuzzTest::hostileDocument,
                DescriptionFuzzTest::readOrFailSafely);
    }

    static byte[] document(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> bytes(random, Descriptions.sizeUpTo(random, 200));
            case 1 -> tokens(random);
            case 2 -> Arrays.copyOf(SHOP, random.nextInt(SHOP.length + 1));
            case 3 -> {
                byte[] copy = SHOP.clone();
                for (int n = Descriptions.between(random, 1, 4); n > 0; n--) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                yield copy;
            }
            default -> {
                int a = random.nextInt(SHOP.length + 1);
                int b = random.nextInt(SHOP.length + 1);
                int from = Math.min(a, b);
                int to = Math.max(a, b);
                byte[] insert = tokens(random);
                byte[] out = new byte[from + insert.length + SHOP.length - to];
                System.arraycopy(SHOP, 0, out, 0, from);
                System.arraycopy(insert, 0, out, from, insert.length);
                System.arraycopy(SHOP, to, out, from + insert.length, SHOP.length - to);
                yield out;
            }
        };
    }

    private static byte[] tokens(Random random) {
        StringBuilder out = new StringBuilder();
        for (int n = Descriptions.sizeUpTo(random, 60); n > 0; n--) {
            out.append(TOKENS.get(random.nextInt(TOKENS.size())));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] hostileDocument(Random random) {
        String shop = DescriptionCodecTest.SHOP;
        int kind = random.nextInt(11);
        if (kind < 6) {
            return document(random);
        }
        return switch (kind) {
            case 6 -> {
                int depth = aroundBound(random, DescriptionFormat.MAX_DEPTH - 2, 300_000);
                String open = List.of("[", "{\"a\":", "[{\"p\":[", "{\"probes\":[").get(random.nextInt(4));
                yield (shop.substring(0, shop.length() - 3) + ", \"x\": " + open.repeat(depth / open.length() + 1))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 7 -> {
                int length = aroundBound(random, DescriptionFormat.MAX_STRING_CHARS - 2, 1_200_000);
                String unit = List.of("x", "\\u00e9", "\u00e9", "\\\"", "\ud834\udd1e").get(random.nextInt(5));
                yield shop.replace("\"shop\"", "\"" + unit.repeat(length / unit.length()) + "\"").getBytes(StandardCharsets.UTF_8);
            }
            case 8 -> {
                String digits = List.of("9", "0", "-9", "1e9", ".5").get(random.nextInt(5));
                yield shop.replace("255", digits.repeat(aroundBound(random, 1, 400_000))).getBytes(StandardCharsets.UTF_8);
            }
            case 9 -> {
                StringBuilder members = new StringBuilder();
                for (int i = 0, n = aroundBound(random, 1, 60_000); i < n; i++) {
                    members.append("\"m").append(i).append("\": [], ");
                }
                yield shop.replace("\"maxStringBytes\": 255,", members + "\"maxStringBytes\": 255,").getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                byte[] copy = SHOP.clone();
                byte[] notUtf8 = {(byte) 0xff, (byte) 0xc0, (byte) 0xed, (byte) 0x80, (byte) 0xf8, (byte) 0xe2};
                int provider = shop.indexOf("\"shop\"") + 1;
                for (int i = 0, n = Descriptions.between(random, 1, 4); i < n; i++) {
                    copy[provider + i] = notUtf8[random.nextInt(notUtf8.length)];
                }
                yield copy;
            }
        };
    }

    /** A value of min..max: half the time within 4 of min (where a bound lies), otherwise uniform. */
    private static int aroundBound(Random random, int min, int max) {
        return random.nextBoolean() ? min + random.nextInt(5) : Descriptions.between(random, min, max);
    }
}
