// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import io.usdt4j.UsdtProvider;

/**
 * The shapes of {@link BenchProbes} with {@code jfr = true}: untraced they must cost what a
 * {@code jfr = false} probe costs; recorded, what a hand-written JFR event ({@link HandWrittenEvents}) costs.
 */
@UsdtProvider(value = "bench_jfr", jfr = true)
public interface JfrBenchProbes {
    void noargs();

    void longs3(long a, long b, long c);

    void string(String s);

    boolean isLongs3Enabled();
}
