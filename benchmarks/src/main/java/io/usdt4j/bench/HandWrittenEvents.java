// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import jdk.jfr.Category;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR events written by hand in the shapes of {@link JfrBenchProbes}, annotated as usdt4j
 * annotates its own: the anchor of {@link JfrRecordingBenchmark}.
 */
final class HandWrittenEvents {
    private HandWrittenEvents() {}

    @Name("io.usdt4j.bench.HandLongs3")
    @Label("longs3")
    @Category({"bench", "hand"})
    @Enabled(false)
    @StackTrace(false)
    static final class Longs3 extends Event {
        long a;
        long b;
        long c;
    }

    @Name("io.usdt4j.bench.HandString")
    @Label("string")
    @Category({"bench", "hand"})
    @Enabled(false)
    @StackTrace(false)
    static final class Text extends Event {
        String s;
    }
}
