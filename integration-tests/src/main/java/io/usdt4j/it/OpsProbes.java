// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.UsdtProvider;

/** The probes {@link OpsApp} fires to test loading, degradation and firing under load. */
@UsdtProvider("usdt4j_ops")
public interface OpsProbes {
    /** {@code checksum} is {@link OpsApp#checksum(long, long)}: a tracer can tell a garbled line. */
    void tick(long thread, long counter, long checksum);

    /** {@code javaLength} is {@code value.length()}, so that a tracer can tell the cases apart. */
    void text(String value, int javaLength);

    boolean isTickEnabled();

    boolean isTextEnabled();
}
