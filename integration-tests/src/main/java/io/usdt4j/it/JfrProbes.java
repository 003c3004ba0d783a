// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.UsdtProvider;

/** Probes that are JFR events too ({@link JfrApp}), of every argument type a probe takes. */
@UsdtProvider(value = "usdt4j_jfr", jfr = true)
public interface JfrProbes {
    enum Phase { START, END }

    /** Every primitive, then a string. */
    void primitives(boolean flag, byte small, short medium, char letter, int count, long big, String text);

    /** Every box, a CharSequence that is no String, and an enum. */
    void converted(Boolean flag, Byte small, Short medium, Character letter, Integer count, Long big,
                   CharSequence text, Phase phase);

    /** {@code sequence} counts the calls, so that a test can tell each one. */
    void counted(long sequence);

    boolean isCountedEnabled();
}
