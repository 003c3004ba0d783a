// SPDX-License-Identifier: Apache-2.0
package com.example.plain;

import io.usdt4j.Usdt;

/** Prints its pid and library, waits (at most a minute) for a tracer, fires once and exits. */
public final class PlainApp {
    private PlainApp() {}

    public static void main(String[] args) throws InterruptedException {
        PlainProbes probes = Usdt.provider(PlainProbes.class);
        System.out.println("pid " + ProcessHandle.current().pid());
        System.out.println(Usdt.libraryPath(PlainProbes.class).map(library -> "library " + library)
                .orElseGet(() -> "unavailable " + Usdt.unavailableReason(PlainProbes.class).orElse("")));
        for (int i = 0; i < 600 && !probes.isOrderPlacedEnabled(); i++) {
            Thread.sleep(100);
        }
        Thread.sleep(500);   // the semaphore rises just before the tracer's program is in place
        probes.orderPlaced(-42, 3, true);
        System.out.println("fired");
    }
}
