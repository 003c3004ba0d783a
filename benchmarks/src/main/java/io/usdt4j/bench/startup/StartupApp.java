// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench.startup;

import io.usdt4j.bench.startup.many.StartupMany;

/**
 * A whole JVM of the start-up benchmark ({@code scripts/bench-startup.py}): it starts, does the
 * least a program that uses probes does, and exits.
 *
 * <ul>
 *   <li>{@code plain}: initializes an empty nested class and calls its method, the baseline;
 *   <li>{@code providers N} (1 to 5): initializes N providers and calls one probe of each;
 *   <li>{@code many N} (1 to 100): the same with the first N of the 100 generated providers
 *       ({@link StartupMany}, of StartupProbes1's shape);
 *   <li>{@code jfr}: initializes one provider with {@code jfr = true} (no recording) and calls one probe.
 * </ul>
 *
 * <p>{@code -verbose:class} (or {@code -Xlog:class+load}) on this program shows what a provider
 * loads; the runtime's start-up test asserts on the same.
 */
public final class StartupApp {
    private StartupApp() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: StartupApp plain | providers N | many N | jfr");
        }
        long now = System.nanoTime();
        switch (args[0]) {
            case "plain":
                Plain.fire(now);
                break;
            case "providers":
                int count = Integer.parseInt(args[1]);
                if (count >= 1) StartupProbes1Usdt.INSTANCE.started(now, "one");
                if (count >= 2) StartupProbes2Usdt.INSTANCE.started(now, "two");
                if (count >= 3) StartupProbes3Usdt.INSTANCE.started(now, "three");
                if (count >= 4) StartupProbes4Usdt.INSTANCE.started(now, "four");
                if (count >= 5) StartupProbes5Usdt.INSTANCE.started(now, "five");
                if (count < 1 || count > 5) {
                    throw new IllegalArgumentException("1 to 5 providers, not " + count);
                }
                break;
            case "many":
                StartupMany.init(Integer.parseInt(args[1]), now);
                break;
            case "jfr":
                StartupJfrProbesUsdt.INSTANCE.started(now, "jfr");
                break;
            default:
                throw new IllegalArgumentException("usage: StartupApp plain | providers N | many N | jfr");
        }
    }

    /** What the baseline initializes instead of a provider. */
    private static final class Plain {
        static long last;

        static void fire(long at) {
            last = at;
        }
    }
}
