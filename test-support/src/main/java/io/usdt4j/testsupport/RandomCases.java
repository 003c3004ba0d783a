// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.testsupport;

import java.util.Random;
import java.util.function.Function;
import java.util.stream.LongStream;

/**
 * Property tests without a framework: a fixed number of random cases per seed, each case drawn
 * from a {@link Random} of its own, derived from the seed and the case's number, so that a
 * failure names the one case to reproduce ({@link #random}) and every run checks the same cases.
 */
public final class RandomCases {
    /** The seeds every {@link SeededTest} runs with. */
    static final long[] SEEDS = {1, 2, 3, 4};

    private RandomCases() {}

    /** The seeds, for {@link SeededTest}. */
    public static LongStream seeds() {
        return LongStream.of(SEEDS);
    }

    /** How many cases a property checks per seed, when it checks {@code total} in all. */
    public static int perSeed(int total) {
        return (total + SEEDS.length - 1) / SEEDS.length;
    }

    /** The {@link Random} case {@code number} of {@code seed} is drawn from. */
    public static Random random(long seed, int number) {
        return new Random(seed * 0x9E3779B97F4A7C15L + number);
    }

    /** A property of one case: any exception or failed assertion breaks it. */
    @FunctionalInterface
    public interface Property<T> {
        void check(T value) throws Exception;
    }

    /**
     * Checks {@code property} on {@code cases} values that {@code generator} draws, case {@code i}
     * from {@link #random random(seed, i)}. The first case that breaks it fails the test, with the
     * seed, the case and (up to 300 characters of) the value in the message.
     */
    public static <T> void check(long seed, int cases, Function<Random, T> generator, Property<T> property) {
        for (int i = 0; i < cases; i++) {
            T value = generator.apply(random(seed, i));
            try {
                property.check(value);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("case " + i + " of seed " + seed + " (RandomCases.random(" + seed + ", " + i
                        + ")) breaks the property: " + shown(value), e);
            }
        }
    }

    private static String shown(Object value) {
        String text = value instanceof byte[] bytes ? bytes.length + " bytes " + java.util.HexFormat.of().formatHex(bytes,
                0, Math.min(bytes.length, 150)) : String.valueOf(value);
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(300).forEach(c -> {
            if (c >= 0x20 && c < 0x7f) {
                shown.appendCodePoint(c);
            } else {
                shown.append(String.format("\\u{%x}", c));
            }
        });
        return text.codePointCount(0, text.length()) > 300 ? shown + "..." : shown.toString();
    }
}
