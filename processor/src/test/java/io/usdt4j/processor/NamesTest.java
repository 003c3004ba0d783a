// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "orderPlaced, order_placed",
            "ShopProbes, shop_probes",
            "HTTPServerProbes, http_server_probes",
            "a1B, a1_b",
            "tick, tick",
            "X, x",
            "getURL, get_url",
            "already_snake, already_snake",
    })
    void lowerSnakeCase(String camel, String snake) {
        assertEquals(snake, Names.lowerSnakeCase(camel));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "orderPlaced, isOrderPlacedEnabled",
            "tick, isTickEnabled",
            "x, isXEnabled",
    })
    void enabledQueryName(String probeMethod, String query) {
        assertEquals(query, Names.enabledQueryName(probeMethod));
    }
}
