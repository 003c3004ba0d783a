// SPDX-License-Identifier: Apache-2.0
package com.example.modshop;

import io.usdt4j.Usdt;
import io.usdt4j.internal.ProviderBinding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Driven over standard input by NamedModuleTest: reports how it was loaded, then fires its probe
 * with known values while a tracer is attached.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        ModShopProbes probes = Usdt.provider(ModShopProbes.class);
        System.out.println("ready " + ProcessHandle.current().pid() + " "
                + Usdt.libraryPath(ModShopProbes.class).map(Object::toString)
                        .orElse("unavailable: " + Usdt.unavailableReason(ModShopProbes.class).orElse("?")));
        Module module = Main.class.getModule();
        System.out.println("module=" + (module.isNamed() ? module.getName() : "unnamed"));
        System.out.println("semaphoreAccess=" + ProviderBinding.semaphoreAccess());
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command; (command = commands.readLine()) != null; ) {
            switch (command) {
                case "await-enabled":
                    while (!probes.isOrderPlacedEnabled()) {
                        Thread.sleep(10);
                    }
                    System.out.println("enabled");
                    break;
                case "enabled?":
                    System.out.println("enabled=" + probes.isOrderPlacedEnabled());
                    break;
                case "fire":
                    probes.orderPlaced(42L, "BOOK-1", 3);
                    probes.orderPlaced(Long.MIN_VALUE, "naïve ☃", Integer.MAX_VALUE);
                    System.out.println("fired");
                    break;
                case "exit":
                    return;
                default:
                    System.out.println("unknown command " + command);
            }
        }
    }
}
