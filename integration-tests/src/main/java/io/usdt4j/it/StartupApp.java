// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

/**
 * The least a program that uses probes does: initializes one provider, fires one probe, asks one
 * is-enabled query and exits. {@code StartupClassesTest} runs it with {@code -Xlog:class+load}
 * and checks what the provider's initialization loads.
 */
public final class StartupApp {
    private StartupApp() {}

    public static void main(String[] args) {
        OpsProbesUsdt.INSTANCE.tick(1, 2, 3);
        if (OpsProbesUsdt.INSTANCE.isTextEnabled()) {
            OpsProbesUsdt.INSTANCE.text("traced", 6);
        }
    }
}
