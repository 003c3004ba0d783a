// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench.startup;

import io.usdt4j.UsdtProvider;

/** The start-up benchmark's provider with JFR events (see {@link StartupApp}). */
@UsdtProvider(value = "startup_jfr", jfr = true)
public interface StartupJfrProbes {
    void started(long at, String name);

    void stopped(long at);

    boolean isStartedEnabled();
}
