// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench.startup;

import io.usdt4j.UsdtProvider;

/** One of the start-up benchmark's providers (see {@link StartupApp}). */
@UsdtProvider("startup1")
public interface StartupProbes1 {
    void started(long at, String name);

    void stopped(long at);

    boolean isStartedEnabled();
}
