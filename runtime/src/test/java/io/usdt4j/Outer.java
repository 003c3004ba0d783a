// SPDX-License-Identifier: Apache-2.0
package io.usdt4j;

/** Nested provider interfaces, for the generated class name. */
public final class Outer {
    private Outer() {}

    @UsdtProvider
    public interface Inner {
        void fired();

        @UsdtProvider
        interface Deeper {
            void fired();
        }
    }
}
