// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it.agent;

/** A superclass with an abstract method (which the agent passes over, with a notice) and a constructor. */
public abstract class Base {
    private final String kind;

    protected Base(String kind) {
        this.kind = kind;
    }

    public abstract int area();

    public String kind() {
        return kind;
    }
}
