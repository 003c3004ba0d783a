// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;

/**
 * Which of a library's probe sites the runtime binds (see usdt4j.h): the kinds of site each
 * platform has, and the kernel from which one is faster to trace than the default, are the
 * {@link Platform} table's. On x86-64 that is the five-byte nop that Linux 6.18 and later turn
 * into a call to the uprobe trampoline when traced; before 6.18 a five-byte nop is emulated (6.16,
 * 6.17) or single-stepped, which costs more than the one-byte nop's trap.
 */
final class ProbeSites {
    private ProbeSites() {}

    /** The kind of site to bind here ({@link Platform.SiteKind#number()}), per {@code -Dusdt4j.probeNop} ({@link Settings#probeNop()}). */
    static int nopSize(PlatformId platform) {
        String choice = Settings.probeNop();
        switch (choice) {
            case "1":
                return Platform.SiteKind.NOP.number();
            case "5":
                return Platform.SiteKind.NOP5.number();
            case "auto":
                return preferred(platform, Settings.kernelRelease()).number();
            default:
                throw new IllegalArgumentException("-D" + Settings.PROBE_NOP + " must be 1, 5 or auto, not '" + choice + "'");
        }
    }

    /** The kind of site the table prefers on {@code platform} under {@code kernelRelease}; the default nop off the table. */
    static Platform.SiteKind preferred(PlatformId platform, String kernelRelease) {
        Platform supported = platform.platform();
        return supported == null ? Platform.SiteKind.NOP : supported.preferredSite(kernelRelease).kind();
    }
}
