// SPDX-License-Identifier: Apache-2.0
package com.example.numbers;

import io.usdt4j.Usdt;
import io.usdt4j.internal.ProviderBinding;
import io.usdt4j.testsupport.Driver;

/** Fires {@link NumbersProbes} with known values on command ({@link Driver}). */
public final class NumbersApp {
    public static void main(String[] args) throws Exception {
        NumbersProbes probes = Usdt.provider(NumbersProbes.class);
        Driver.ready(Usdt.libraryPath(NumbersProbes.class), Usdt.unavailableReason(NumbersProbes.class));
        new Driver()
                .on("await-enabled", Driver.awaiting(() -> enabled(probes).equals("true,true,true,true")))
                .on("enabled?", arguments -> "enabled=" + enabled(probes))
                .on("nop?", arguments -> "nop=" + ProviderBinding.of(probes.getClass()).orElseThrow().probeNopSize())
                .on("fire", Driver.firing(() -> fire(probes)))
                .run();
    }

    private static String enabled(NumbersProbes p) {
        return p.isSignedIntegersEnabled() + "," + p.isUnsignedIntegersEnabled() + "," + p.isNothingEnabled() + ","
                + p.isTwelveEnabled();
    }

    private static void fire(NumbersProbes probes) {
        probes.signedIntegers(Byte.MIN_VALUE, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE);
        probes.signedIntegers(Byte.MAX_VALUE, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
        probes.signedIntegers((byte) -1, (short) -1, -1, -1L);
        probes.unsignedIntegers(true, false, (char) 0xFFFF);
        probes.unsignedIntegers(false, true, (char) 0);
        probes.nothing();
        probes.twelve(-1L, 2, (short) -3, (byte) 4, 'A', true, Long.MAX_VALUE, Integer.MIN_VALUE, Short.MAX_VALUE,
                Byte.MIN_VALUE, (char) 0x20AC, Long.MIN_VALUE);
    }
}
