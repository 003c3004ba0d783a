// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

/** Sets a system property for the length of a try block, then puts back what was there. */
final class SystemProperty implements AutoCloseable {
    private final String name;
    private final String previous;

    private SystemProperty(String name, String value) {
        this.name = name;
        this.previous = System.getProperty(name);
        System.setProperty(name, value);
    }

    static SystemProperty set(String name, String value) {
        return new SystemProperty(name, value);
    }

    @Override
    public void close() {
        if (previous == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, previous);
        }
    }
}
