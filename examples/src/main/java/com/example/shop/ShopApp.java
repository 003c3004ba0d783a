// SPDX-License-Identifier: Apache-2.0
package com.example.shop;

import io.usdt4j.Usdt;
import java.util.List;

/** Places an order every 200 ms and refunds every third; run with bpftrace attached to see them. */
public final class ShopApp {
    private static final List<String> SKUS = List.of("BOOK-1", "CAFÉ-2", "SNOW☃-3", "MUSIC𝄞-4");

    public static void main(String[] args) throws InterruptedException {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : Long.MAX_VALUE / 1000;
        ShopProbes probes = ShopProbesUsdt.INSTANCE;      // generated class; also Usdt.provider(ShopProbes.class)

        System.out.println("shop: pid " + ProcessHandle.current().pid());
        Usdt.libraryPath(ShopProbes.class).ifPresentOrElse(
                path -> System.out.println("shop: probes in " + path),
                () -> System.out.println("shop: tracing unavailable: " + Usdt.unavailableReason(ShopProbes.class).orElse("?")));

        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        for (long orderId = 1; System.nanoTime() < deadline; orderId++) {
            String sku = SKUS.get((int) (orderId % SKUS.size()));
            probes.orderPlaced(orderId, sku, (int) (orderId % 5) + 1);
            if (orderId % 3 == 0) {
                probes.refundIssued(orderId, orderId % 2 == 0);
            }
            if (orderId % 25 == 0) {
                System.out.println("shop: " + orderId + " orders placed, traced: " + probes.isOrderPlacedEnabled());
            }
            Thread.sleep(200);
        }
    }
}
