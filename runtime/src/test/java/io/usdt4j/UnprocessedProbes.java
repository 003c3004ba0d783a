// SPDX-License-Identifier: Apache-2.0
package io.usdt4j;

/** Annotated, but the usdt4j processor never runs on runtime's tests: it has no generated class. */
@UsdtProvider
public interface UnprocessedProbes {
    void started(int id);
}
