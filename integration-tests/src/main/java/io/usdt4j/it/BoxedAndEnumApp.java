// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.Usdt;
import io.usdt4j.testsupport.Driver;
import java.util.concurrent.TimeUnit;

/** Fires {@link BoxedAndEnumProbes} with known values, driven over standard input ({@link Driver}) like {@link ProbeFiringApp}. */
public final class BoxedAndEnumApp {
    public static void main(String[] args) throws Exception {
        BoxedAndEnumProbes probes = Usdt.provider(BoxedAndEnumProbes.class);
        Driver.ready(Usdt.libraryPath(BoxedAndEnumProbes.class), Usdt.unavailableReason(BoxedAndEnumProbes.class));
        new Driver()
                .on("await-enabled", Driver.awaiting(() -> probes.isBoxedEnabled() && probes.isTextsEnabled()))
                .on("fire", Driver.firing(() -> fire(probes)))
                .run();
    }

    static void fire(BoxedAndEnumProbes probes) {
        probes.boxed(true, (byte) -1, (short) -300, '\u00e9', Integer.MIN_VALUE, Long.MIN_VALUE);
        probes.boxed(null, null, null, null, null, null);
        // 8 bytes at most: "naïve ☃" is 10, so the snowman, which would not fit whole, is cut off.
        probes.texts(ProbeFiringApp.TEXT, new StringBuilder("builder!"), BoxedAndEnumProbes.Color.GREEN, TimeUnit.SECONDS);
        probes.texts(null, null, null, null);
    }
}
