// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A JFR event of the longs3 shape; the benchmarks commit it while no recording runs. */
@Name("io.usdt4j.bench.Longs3")
@Label("Longs3")
final class DisabledJfrEvent extends Event {
    long a;
    long b;
    long c;
}
