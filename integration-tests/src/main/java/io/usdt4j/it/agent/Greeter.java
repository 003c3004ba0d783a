// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it.agent;

/** An interface with a default and a static method. */
public interface Greeter {
    default String greet(String name) {
        return "hi " + name + " of " + area();
    }

    static String shout(String text) {
        return text.toUpperCase(java.util.Locale.ROOT) + "!";
    }

    int area();
}
