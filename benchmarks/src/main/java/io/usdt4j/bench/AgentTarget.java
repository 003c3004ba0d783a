// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

/** The method AgentBenchmark calls, which the usdt4j agent instruments when asked. */
public final class AgentTarget {
    private AgentTarget() {}

    public static long longs3(long a, long b, long c) {
        return a + b + c;
    }
}
