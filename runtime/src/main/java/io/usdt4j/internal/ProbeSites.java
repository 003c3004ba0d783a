// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import io.usdt4j.contract.NativeContract;
import io.usdt4j.contract.PlatformId;

/**
 * Which of a library's probe sites the runtime binds (see usdt4j.h): the one-byte nop every
 * architecture has, or on x86-64 the five-byte nop that Linux 6.18 and later turn into a call
 * to the uprobe trampoline when traced. Before 6.18 a five-byte nop is emulated (6.16, 6.17) or
 * single-stepped, which costs more than the one-byte nop's trap.
 */
final class ProbeSites {
    private ProbeSites() {}

    /** The nop size to bind here, per {@code -Dusdt4j.probeNop} ({@link Settings#probeNop()}). */
    static int nopSize(PlatformId platform) {
        String choice = Settings.probeNop();
        switch (choice) {
            case "1":
                return NativeContract.NOP1;
            case "5":
                return NativeContract.NOP5;
            case "auto":
                return optimizesNop5(platform, Settings.kernelRelease()) ? NativeContract.NOP5 : NativeContract.NOP1;
            default:
                throw new IllegalArgumentException("-D" + Settings.PROBE_NOP + " must be 1, 5 or auto, not '" + choice + "'");
        }
    }

    /** Linux 6.18 or later on x86-64: {@code kernelRelease} is {@code uname -r}, such as {@code 6.18.2-arch1}. */
    static boolean optimizesNop5(PlatformId platform, String kernelRelease) {
        if (!platform.equals(PlatformId.LINUX_X86_64) || kernelRelease == null) {
            return false;
        }
        int dot = kernelRelease.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        int major = leadingNumber(kernelRelease, 0, dot);
        int minorEnd = dot + 1;
        while (minorEnd < kernelRelease.length() && Character.isDigit(kernelRelease.charAt(minorEnd))) {
            minorEnd++;
        }
        int minor = leadingNumber(kernelRelease, dot + 1, minorEnd);
        if (major < 0 || minor < 0) {
            return false;
        }
        return major > 6 || (major == 6 && minor >= 18);
    }

    /** The decimal number in {@code text[from, to)}, or -1 when that is not all digits (or empty). */
    private static int leadingNumber(String text, int from, int to) {
        if (from >= to || to - from > 6) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
