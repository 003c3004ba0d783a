// SPDX-License-Identifier: Apache-2.0
package org.kt

import io.usdt4j.Usdt

/** Prints its pid and library, waits (at most a minute) for a tracer, fires once and exits. */
fun main() {
    val probes: ShopProbes = ShopProbesUsdt.INSTANCE
    println("pid " + ProcessHandle.current().pid())
    println(Usdt.libraryPath(ShopProbes::class.java).map { "library $it" }
        .orElseGet { "unavailable " + Usdt.unavailableReason(ShopProbes::class.java).orElse("") })
    var waited = 0
    while (waited < 600 && !probes.isOrderPlacedEnabled()) {
        Thread.sleep(100)
        waited++
    }
    Thread.sleep(500) // the semaphore rises just before the tracer's program is in place
    probes.orderPlaced(-42, 3)
    println("fired")
}
