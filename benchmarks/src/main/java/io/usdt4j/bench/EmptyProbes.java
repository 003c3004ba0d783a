// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

/** The baseline: the same interface with empty methods, so a call costs only what calling costs. */
final class EmptyProbes implements BenchProbes {
    static final BenchProbes INSTANCE = new EmptyProbes();

    @Override public void noargs() {}
    @Override public void longs3(long a, long b, long c) {}
    @Override public void string(String s) {}
    @Override public void args12(long a0, long a1, long a2, long a3, long a4, long a5,
                                 long a6, long a7, long a8, long a9, long a10, long a11) {}
    @Override public void startLoop(long iteration) {}
    @Override public void endLoop(long iteration) {}
    @Override public boolean isNoargsEnabled() { return false; }
    @Override public boolean isLongs3Enabled() { return false; }
    @Override public boolean isStringEnabled() { return false; }
    @Override public boolean isArgs12Enabled() { return false; }
    @Override public boolean isStartLoopEnabled() { return false; }
}
