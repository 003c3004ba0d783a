// SPDX-License-Identifier: Apache-2.0
package com.example.shop;

import io.usdt4j.Probe;
import io.usdt4j.UsdtProvider;

@UsdtProvider("shop")            // provider name; when empty: the interface's simple name in lower_snake_case
public interface ShopProbes {
    void orderPlaced(long orderId, String sku, int quantity);   // probe "order_placed"
    @Probe("refund") void refundIssued(long orderId, boolean partial);
    boolean isOrderPlacedEnabled();   // is-enabled query of orderPlaced: boolean, no parameters, named is<Method>Enabled
}
