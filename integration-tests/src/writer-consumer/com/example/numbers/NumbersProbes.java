// SPDX-License-Identifier: Apache-2.0
package com.example.numbers;

import io.usdt4j.Probe;
import io.usdt4j.UsdtProvider;

/** Every argument type but strings, for a library written in Java and one built by gcc. */
@UsdtProvider("usdt4j_numbers")
public interface NumbersProbes {
    void signedIntegers(byte b, short s, int i, long l);

    void unsignedIntegers(boolean yes, boolean no, char c);

    @Probe("no_arguments")
    void nothing();

    void twelve(long a1, int a2, short a3, byte a4, char a5, boolean a6,
                long a7, int a8, short a9, byte a10, char a11, long a12);

    boolean isSignedIntegersEnabled();

    boolean isUnsignedIntegersEnabled();

    boolean isNothingEnabled();

    boolean isTwelveEnabled();
}
