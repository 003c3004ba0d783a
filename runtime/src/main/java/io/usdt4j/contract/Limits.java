// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

/**
 * The bounds of a provider, each defined once: the processor refuses an interface beyond them, and
 * the runtime and the tools refuse a call or a description beyond them.
 */
public final class Limits {
    /** Arguments of one probe: usdt.h and sys/sdt.h both stop at twelve. */
    public static final int MAX_ARGUMENTS = 12;
    /**
     * The range of {@code @UsdtProvider(maxStringBytes)}. A traced fire writes each string argument
     * into native memory of the limit plus its NUL: at most one 4 KiB page per argument, 48 KiB for
     * twelve.
     */
    public static final int MIN_STRING_BYTES = 1;
    public static final int MAX_STRING_BYTES = 4095;
    /**
     * Probes of one provider: bounds what a crafted call or description may allocate. No interface
     * reaches it (a class has at most 65535 methods, and each probe adds three to its provider
     * class), so the processor need not check it.
     */
    public static final int MAX_PROBES = 1 << 16;

    private Limits() {}

    /** Whether {@code maxStringBytes} is within {@value #MIN_STRING_BYTES}..{@value #MAX_STRING_BYTES}. */
    public static boolean isMaxStringBytes(int maxStringBytes) {
        return maxStringBytes >= MIN_STRING_BYTES && maxStringBytes <= MAX_STRING_BYTES;
    }

    /** Whether a provider may have {@code probes} probes: 0..{@value #MAX_PROBES}. */
    public static boolean isProbeCount(int probes) {
        return probes >= 0 && probes <= MAX_PROBES;
    }
}
