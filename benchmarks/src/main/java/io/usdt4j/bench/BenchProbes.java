// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import io.usdt4j.UsdtProvider;

/** The benchmarked probe shapes, and the loop benchmark's probes. cfire.c fires the same shapes. */
@UsdtProvider("bench")
public interface BenchProbes {
    void noargs();

    void longs3(long a, long b, long c);

    void string(String s);

    void args12(long a0, long a1, long a2, long a3, long a4, long a5,
                long a6, long a7, long a8, long a9, long a10, long a11);

    void startLoop(long iteration);

    void endLoop(long iteration);

    boolean isNoargsEnabled();

    boolean isLongs3Enabled();

    boolean isStringEnabled();

    boolean isArgs12Enabled();

    boolean isStartLoopEnabled();
}
