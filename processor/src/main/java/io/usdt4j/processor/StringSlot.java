// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

/**
 * Where a traced fire writes one string argument: slot {@code index} of the native memory that
 * the local variable {@code lease} (an {@code io.usdt4j.internal.StringScratch.Lease}) holds for
 * the fire. A probe's string arguments take slots 0, 1, ... in order.
 */
record StringSlot(String lease, int index) {}
