// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import io.usdt4j.contract.Limits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/** Random descriptions, within every bound of the format, for property tests; each drawn from the {@link Random} given. */
final class Descriptions {
    private static final int[] SPECIAL = {0, '\n', '\t', 0x1b, 0x7f, 0x85, 0x9b, '"', '\\', '/', 0x2028};

    private Descriptions() {}

    /** Any Unicode text: control characters, quotes, backslashes, non-BMP characters, no lone surrogate; empty as often as full. */
    static String text(Random random, int maxLength) {
        int length = sizeUpTo(random, maxLength);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(7);
            out.appendCodePoint(kind < 4 ? between(random, 0x20, 0x7e)
                    : kind == 4 ? SPECIAL[random.nextInt(SPECIAL.length)]
                    : kind == 5 ? between(random, 0xa0, 0xd7ff)
                    : between(random, 0xe000, 0x10ffff));
        }
        return out.toString();
    }

    static ProbeDescription probe(Random random) {
        List<ArgumentDescription> arguments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int n = sizeUpTo(random, Limits.MAX_ARGUMENTS), tries = 0; arguments.size() < n && tries < 100; tries++) {
            String name = text(random, 12);
            if (names.add(name)) {
                TracerType type = TracerType.values()[random.nextInt(TracerType.values().length)];
                ArgumentDescription.Passed passed = ArgumentDescription.Passed.values()[
                        random.nextInt(ArgumentDescription.Passed.values().length)];
                arguments.add(new ArgumentDescription(arguments.size(), name, text(random, 40),
                        passed == ArgumentDescription.Passed.CLASS_NAME ? TracerType.STRING : type, passed));
            }
        }
        Optional<InstrumentedMethod> instrumented = optional(random, r -> new InstrumentedMethod(text(r, 60), text(r, 60),
                InstrumentedMethod.Event.values()[r.nextInt(InstrumentedMethod.Event.values().length)]));
        return new ProbeDescription(text(random, 20), text(random, 20), arguments, instrumented);
    }

    static ProviderDescription provider(Random random) {
        String provider = text(random, 20);
        String interfaceName = text(random, 60);
        String className = text(random, 60);
        Optional<String> source = optional(random, r -> text(r, 60));
        String library = text(random, 80);
        int maxStringBytes = between(random, Limits.MIN_STRING_BYTES, Limits.MAX_STRING_BYTES);
        Optional<String> jfrSettings = optional(random, r -> text(r, 60));
        List<ProbeDescription> probes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int n = sizeUpTo(random, 8), tries = 0; probes.size() < n && tries < 100; tries++) {
            ProbeDescription probe = probe(random);
            if (names.add(probe.name())) {
                probes.add(probe);
            }
        }
        return ProviderDescription.of(provider, interfaceName, className, source, library, maxStringBytes, jfrSettings, probes);
    }

    /** A size of 0..max: 0 and max a tenth of the time each, as edge cases, otherwise uniform. */
    static int sizeUpTo(Random random, int max) {
        int edge = random.nextInt(10);
        return edge == 0 ? 0 : edge == 1 ? max : random.nextInt(max + 1);
    }

    static int between(Random random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private static <T> Optional<T> optional(Random random, Function<Random, T> value) {
        return random.nextBoolean() ? Optional.of(value.apply(random)) : Optional.empty();
    }
}
