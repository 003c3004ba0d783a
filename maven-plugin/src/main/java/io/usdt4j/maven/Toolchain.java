// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import io.usdt4j.contract.PlatformId;
import java.util.Map;

/**
 * The C compiler that builds one platform's libraries. The host's is {@code <compiler>}; another
 * platform's is its {@code <compilers>} entry, else the Debian/Ubuntu cross compiler's name
 * ({@code aarch64-linux-gnu-gcc}), so that a missing one can be named with its package.
 *
 * @param platform the platform the libraries run on
 * @param compiler the compiler command
 * @param cross whether it builds for another platform than the one running Maven
 */
public record Toolchain(PlatformId platform, String compiler, boolean cross) {

    /** The host's own compiler. */
    public static Toolchain host(String compiler) {
        return new Toolchain(PlatformId.host(), compiler, false);
    }

    /**
     * The compiler for {@code platform}: its entry in {@code overrides} (keyed by platform id),
     * else {@code hostCompiler} on the host, else the Debian/Ubuntu cross compiler's name.
     */
    public static Toolchain of(PlatformId platform, PlatformId host, String hostCompiler, Map<String, String> overrides) {
        boolean cross = !platform.equals(host);
        String configured = overrides.get(platform.id());
        if (configured != null && !configured.isBlank()) {
            return new Toolchain(platform, configured.strip(), cross);
        }
        return new Toolchain(platform, cross ? gnuTriplet(platform) + "-gcc" : hostCompiler, cross);
    }

    /** {@code aarch64-linux-gnu}: the prefix of Debian's cross tools for {@code platform}. */
    static String gnuTriplet(PlatformId platform) {
        return platform.arch() + "-" + platform.os() + "-gnu";
    }

    /** What to do when the compiler cannot be run. */
    String installAdvice() {
        if (!cross) {
            return "install one (Debian/Ubuntu: apt-get install gcc) or set <compiler> (-Dusdt4j.compiler)";
        }
        String arch = platform.arch();
        return "install the cross compiler (Debian/Ubuntu: apt-get install gcc-" + gnuTriplet(platform).replace('_', '-')
                + " libc6-dev-" + debianArch(arch) + "-cross), or name a compiler for " + platform.id() + " with <compilers><"
                + platform.id() + ">/path/to/gcc</" + platform.id() + "></compilers>, or skip the platforms that have no"
                + " compiler with <skipMissingCompilers>true</skipMissingCompilers> (-Dusdt4j.skipMissingCompilers)";
    }

    /** Debian's name of an architecture: {@code arm64} for {@code aarch64}. */
    private static String debianArch(String arch) {
        switch (arch) {
            case "aarch64":
                return "arm64";
            case "x86_64":
                return "amd64";
            default:
                return arch;
        }
    }
}
