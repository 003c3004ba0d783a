// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import io.usdt4j.contract.Limits;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random descriptions, within every bound of the format, for property tests. */
final class Descriptions {
    private Descriptions() {}

    /** Any Unicode text: control characters, quotes, backslashes, non-BMP characters, no lone surrogate. */
    static Arbitrary<String> text(int maxLength) {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x20, 0x7e)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0, (int) '\n', (int) '\t', 0x1b, 0x7f, 0x85, 0x9b, (int) '"', (int) '\\', (int) '/', 0x2028)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xa0, 0xd7ff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xe000, 0x10ffff)));
        return codePoint.list().ofMaxSize(maxLength).map(points -> {
            StringBuilder out = new StringBuilder();
            points.forEach(out::appendCodePoint);
            return out.toString();
        });
    }

    static Arbitrary<ProbeDescription> probe() {
        Arbitrary<List<ArgumentDescription>> arguments = Combinators
                .combine(text(12), text(40), Arbitraries.of(TracerType.class), Arbitraries.of(ArgumentDescription.Passed.class))
                .as((name, javaType, type, passed) -> new ArgumentDescription(0, name, javaType,
                        passed == ArgumentDescription.Passed.CLASS_NAME ? TracerType.STRING : type, passed))
                .list().ofMaxSize(Limits.MAX_ARGUMENTS).uniqueElements(ArgumentDescription::name)
                .map(list -> IntStream.range(0, list.size()).mapToObj(i -> new ArgumentDescription(i, list.get(i).name(),
                        list.get(i).javaType(), list.get(i).tracerType(), list.get(i).passed())).toList());
        Arbitrary<java.util.Optional<InstrumentedMethod>> instrumented = Combinators
                .combine(text(60), text(60), Arbitraries.of(InstrumentedMethod.Event.class))
                .as(InstrumentedMethod::new).optional();
        return Combinators.combine(text(20), text(20), arguments, instrumented).as(ProbeDescription::new);
    }

    static Arbitrary<ProviderDescription> provider() {
        return Combinators.combine(text(20), text(60), text(60), text(60).optional(), text(80),
                Arbitraries.integers().between(Limits.MIN_STRING_BYTES, Limits.MAX_STRING_BYTES),
                text(60).optional(), probe().list().ofMaxSize(8).uniqueElements(ProbeDescription::name))
                .as(ProviderDescription::of);
    }
}
