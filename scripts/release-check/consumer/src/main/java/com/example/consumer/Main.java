// SPDX-License-Identifier: Apache-2.0
package com.example.consumer;

import io.usdt4j.Usdt;

/** Prints its pid and library, waits (a minute at most) for a tracer, then fires once. */
public class Main {
    public static void main(String[] args) throws InterruptedException {
        ConsumerProbes probes = Usdt.provider(ConsumerProbes.class);
        System.out.println("pid " + ProcessHandle.current().pid());
        System.out.println(Usdt.libraryPath(ConsumerProbes.class).map(library -> "probes in " + library)
                .orElseGet(() -> "no probes: " + Usdt.unavailableReason(ConsumerProbes.class).orElse("?")));
        for (int i = 0; i < 600 && !probes.isGreetedEnabled(); i++) {
            Thread.sleep(100);
        }
        Thread.sleep(500);   // the semaphore rises just before the tracer's program is in place
        probes.greeted(42, "from the bundle");
    }
}
