// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The selector's one grammar: CLASS#METHOD, several separated by commas, * in either half. */
class MethodSelectorTest {
    @Test
    void selectsByClassAndMethodWithWildcards() {
        MethodSelector selector = MethodSelector.parse("com.example.Shop#placeOrder,com.example.db.*#query*");
        assertEquals(2, selector.parts().size());
        assertTrue(selector.matches("com.example.Shop", "placeOrder"));
        assertFalse(selector.matches("com.example.Shop", "placeOrders"));
        assertFalse(selector.matches("com.example.Shopper", "placeOrder"));
        assertTrue(selector.matches("com.example.db.Orders", "queryAll"));
        assertTrue(selector.matches("com.example.db.inner.Orders$Cursor", "query"), "* takes dots and $ too");
        assertFalse(selector.matches("com.example.db.Orders", "update"));
        assertTrue(selector.matchesClass("com.example.db.Orders"));
        assertFalse(selector.matchesClass("com.example.Other"));
    }

    @Test
    void constructorsAndNestedClassesAreSelectedByTheirClassFileNames() {
        MethodSelector selector = MethodSelector.parse("com.example.Shop$Cart#<init>");
        assertTrue(selector.matches("com.example.Shop$Cart", "<init>"));
        assertFalse(selector.matches("com.example.Shop", "<init>"));
    }

    @Test
    void whatIsNoSelectorIsRefusedInOneLine() {
        for (String text : new String[] {"", "nohash", "#m", "C#", "a#b#c", "C#m,", "C#m\nD#n"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MethodSelector.parse(text), text);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
