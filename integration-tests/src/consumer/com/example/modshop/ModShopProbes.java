// SPDX-License-Identifier: Apache-2.0
package com.example.modshop;

import io.usdt4j.UsdtProvider;

/** The probes of the consumer module, in a package it neither exports nor opens. */
@UsdtProvider("modshop")
public interface ModShopProbes {
    void orderPlaced(long orderId, String sku, int quantity);

    boolean isOrderPlacedEnabled();
}
