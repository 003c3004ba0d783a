// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.Probe;
import io.usdt4j.UsdtProvider;

/** One probe per argument kind, fired with known values by {@link ProbeFiringApp}. */
@UsdtProvider("usdt4j_it")
public interface EveryTypeProbes {
    void signedIntegers(byte b, short s, int i, long l);

    void unsignedIntegers(boolean yes, boolean no, char c);

    void strings(String text, String empty, String absent);

    @Probe("no_arguments")
    void nothing();

    void twelve(long a1, int a2, short a3, byte a4, char a5, boolean a6,
                long a7, int a8, short a9, byte a10, char a11, String a12);

    boolean isSignedIntegersEnabled();

    boolean isUnsignedIntegersEnabled();

    boolean isStringsEnabled();

    boolean isNothingEnabled();

    boolean isTwelveEnabled();
}
