// SPDX-License-Identifier: Apache-2.0
package org.kt

import io.usdt4j.UsdtProvider

/** The provider, in Kotlin: kapt gives the processor a Java stub of it. */
@UsdtProvider("kshop")
interface ShopProbes {
    fun orderPlaced(orderId: Long, quantity: Int)

    fun isOrderPlacedEnabled(): Boolean
}
