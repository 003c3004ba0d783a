// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.Usdt;
import io.usdt4j.internal.ProviderBinding;
import io.usdt4j.testsupport.Driver;

/**
 * A JVM that a test drives through standard input ({@link Driver}): it fires {@link EveryTypeProbes} with known
 * values, and reports its is-enabled queries, so that the test can compare what a tracer saw.
 */
public final class ProbeFiringApp {
    public static final String TEXT = "naïve ☃ 𝄞";
    public static final String QUOTES = "say \"hi\" \\ back\\";

    public static void main(String[] args) throws Exception {
        EveryTypeProbes probes = Usdt.provider(EveryTypeProbes.class);
        Driver.ready(Usdt.libraryPath(EveryTypeProbes.class), Usdt.unavailableReason(EveryTypeProbes.class));
        System.out.println("semaphoreAccess=" + ProviderBinding.semaphoreAccess());
        new Driver()
                // await-enabled: every probe; await-enabled signedIntegers,strings: those
                .on("await-enabled", arguments -> {
                    Driver.awaitTrue(() -> arguments.isEmpty() ? allEnabled(probes)
                            : java.util.Arrays.stream(arguments.get(0).split(",")).allMatch(p -> enabled(probes, p)));
                    return "enabled";
                })
                .on("fire", Driver.firing(() -> fire(probes)))
                .on("fire-quotes", Driver.firing(() -> probes.strings(QUOTES, "two\nlines", null))) // strings a tool must escape
                // which probe sites the probes fire on
                .on("nop?", arguments -> "nop=" + ProviderBinding.of(probes.getClass()).orElseThrow().probeNopSize())
                .on("enabled?", arguments -> "enabled=" + allEnabled(probes) + " any=" + anyEnabled(probes))
                .run();
    }

    static void fire(EveryTypeProbes probes) {
        probes.signedIntegers(Byte.MIN_VALUE, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE);
        probes.signedIntegers(Byte.MAX_VALUE, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
        probes.signedIntegers((byte) -1, (short) -1, -1, -1L);
        probes.unsignedIntegers(true, false, (char) 0xFFFF);
        probes.unsignedIntegers(false, true, (char) 0);
        probes.strings(TEXT, "", null);
        probes.nothing();
        probes.twelve(-1L, 2, (short) -3, (byte) 4, 'A', true,
                Long.MAX_VALUE, Integer.MIN_VALUE, Short.MAX_VALUE, Byte.MIN_VALUE, (char) 0x20AC, "twelfth");
    }


    private static boolean enabled(EveryTypeProbes p, String probe) {
        return switch (probe) {
            case "signedIntegers" -> p.isSignedIntegersEnabled();
            case "unsignedIntegers" -> p.isUnsignedIntegersEnabled();
            case "strings" -> p.isStringsEnabled();
            case "nothing" -> p.isNothingEnabled();
            case "twelve" -> p.isTwelveEnabled();
            default -> throw new IllegalArgumentException("no probe " + probe);
        };
    }

    private static boolean allEnabled(EveryTypeProbes p) {
        return p.isSignedIntegersEnabled() && p.isUnsignedIntegersEnabled() && p.isStringsEnabled()
                && p.isNothingEnabled() && p.isTwelveEnabled();
    }

    private static boolean anyEnabled(EveryTypeProbes p) {
        return p.isSignedIntegersEnabled() || p.isUnsignedIntegersEnabled() || p.isStringsEnabled()
                || p.isNothingEnabled() || p.isTwelveEnabled();
    }
}
