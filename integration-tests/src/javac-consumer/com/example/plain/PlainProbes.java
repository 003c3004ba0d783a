// SPDX-License-Identifier: Apache-2.0
package com.example.plain;

import io.usdt4j.UsdtProvider;

/** A provider built by plain javac and jar, with no Maven plugin and no C compiler. */
@UsdtProvider("plain")
public interface PlainProbes {
    void orderPlaced(long orderId, int quantity, boolean gift);

    boolean isOrderPlacedEnabled();
}
