// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.Usdt;
import io.usdt4j.testsupport.Driver;

/**
 * A JVM that a test drives ({@link Driver}) to fire {@link JfrProbes}, which a JFR recording,
 * bpftrace, or both, see: {@code fire} calls every probe with the values of {@code JfrTest},
 * {@code count N} calls {@code counted} N times.
 */
public final class JfrApp {
    private JfrApp() {}

    public static void main(String[] args) throws Exception {
        JfrProbes probes = Usdt.provider(JfrProbes.class);
        Driver.ready(Usdt.libraryPath(JfrProbes.class), Usdt.unavailableReason(JfrProbes.class));
        new Driver()
                .on("enabled?", arguments -> "enabled=" + probes.isCountedEnabled())
                .on("await-enabled", Driver.awaiting(probes::isCountedEnabled))
                .on("fire", Driver.firing(() -> fire(probes)))
                .on("count", arguments -> {
                    int count = Integer.parseInt(arguments.get(0));
                    for (int i = 0; i < count; i++) {
                        probes.counted(i);
                    }
                    return "counted " + count;
                })
                .run();
    }

    /** The values JfrTest expects, in this order. */
    static void fire(JfrProbes probes) {
        probes.primitives(true, Byte.MIN_VALUE, Short.MIN_VALUE, '\uffff', Integer.MIN_VALUE, Long.MIN_VALUE,
                "Grüße, 世界 \uD83D\uDE42");
        probes.primitives(false, Byte.MAX_VALUE, Short.MAX_VALUE, 'é', Integer.MAX_VALUE, Long.MAX_VALUE, null);
        probes.primitives(false, (byte) 0, (short) 0, 'a', 0, 0, "x".repeat(1000));
        probes.converted(null, null, null, null, null, null, null, null);
        probes.converted(true, (byte) -1, (short) -1, 'ß', -1, -1L, new StringBuilder("built"), JfrProbes.Phase.END);
    }
}
