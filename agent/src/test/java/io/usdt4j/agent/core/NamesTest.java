// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.UsdtNames;
import org.junit.jupiter.api.Test;

/** The one rule of the probe names: readable, unique for overloads and packages, always valid, the same in every JVM. */
class NamesTest {
    private static final String PLACE = "(JLjava/lang/String;I)J";

    @Test
    void aMethodsProbesAreItsClassItsNameAHashAndTheEvent() {
        String[] names = Names.probes("com.example.Shop", "placeOrder", PLACE, 1);
        assertTrue(names[0].matches("Shop__placeOrder__[0-9a-f]{8}__entry"), names[0]);
        assertEquals(names[0].replace("__entry", "__return"), names[1]);
        assertArrayEquals(names, Names.probes("com.example.Shop", "placeOrder", PLACE, 1), "the same in every JVM");
    }

    @Test
    void overloadsPackagesAndLaterAttemptsGetNamesOfTheirOwn() {
        String first = Names.probes("com.example.Shop", "placeOrder", PLACE, 1)[0];
        assertNotEquals(first, Names.probes("com.example.Shop", "placeOrder", "(J)J", 1)[0]);
        assertNotEquals(first, Names.probes("org.other.Shop", "placeOrder", PLACE, 1)[0]);
        assertNotEquals(first, Names.probes("com.example.Shop", "placeOrder", PLACE, 2)[0]);
    }

    @Test
    void nestedClassesConstructorsAndOtherCharactersBecomeValidNames() {
        assertTrue(Names.probes("com.example.Shop$Cart", "<init>", "()V", 1)[0].startsWith("Shop_Cart__init__"));
        assertTrue(Names.probes("com.example.Shop", "lambda$main$0", "()V", 1)[0].startsWith("Shop__lambda_main_0__"));
        String[] refused = Names.probes("com.example._Shop", "x", "()V", 1);
        assertTrue(UsdtNames.isValid(refused[0]) && UsdtNames.isValid(refused[1]), refused[0]);
    }

    @Test
    void aLongNameIsCutToWhatTracersTakeAndStaysUnique() {
        String longClass = "com.example." + "C".repeat(2000);
        String[] a = Names.probes(longClass, "m".repeat(2000), "()V", 1);
        String[] b = Names.probes(longClass, "m".repeat(2000), "(I)V", 1);
        for (String name : new String[] {a[0], a[1], b[0], b[1]}) {
            assertTrue(UsdtNames.isValid(name) && name.length() <= UsdtNames.MAX_LENGTH, name.length() + " " + name);
        }
        assertNotEquals(a[0], b[0]);
    }
}
