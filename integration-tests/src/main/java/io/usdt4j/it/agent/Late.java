// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it.agent;

/** Loaded only when {@link SuiteApp} is told to: a class loaded after the agent instrumented. */
public final class Late {
    private Late() {}

    public static int work(int n, String tag) {
        return n * 2 + tag.length();
    }
}
