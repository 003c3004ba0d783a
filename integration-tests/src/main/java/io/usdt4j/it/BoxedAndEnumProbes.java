// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.UsdtProvider;
import java.util.concurrent.TimeUnit;

/**
 * The argument types beyond primitives and String: boxes (null passes 0), any CharSequence and
 * enums (null passes pointer 0), with a small string limit to show where a value is cut.
 * Fired by {@link BoxedAndEnumApp}.
 */
@UsdtProvider(value = "usdt4j_it_boxed", maxStringBytes = BoxedAndEnumProbes.MAX_STRING_BYTES)
public interface BoxedAndEnumProbes {
    int MAX_STRING_BYTES = 8;

    enum Color { RED, GREEN }

    void boxed(Boolean flag, Byte b, Short s, Character c, Integer i, Long l);

    void texts(CharSequence sequence, StringBuilder builder, Color color, TimeUnit unit);

    boolean isBoxedEnabled();

    boolean isTextsEnabled();
}
