// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import java.util.Map;

/**
 * The C compiler that builds one platform's libraries. The host's is {@code <compiler>}; another
 * platform's is its {@code <compilers>} entry, else the Debian/Ubuntu cross compiler the
 * {@link Platform} table names ({@code aarch64-linux-gnu-gcc}), so that a missing one can be named
 * with its package.
 *
 * @param platform the platform the libraries run on
 * @param compiler the compiler command
 * @param cross whether it builds for another platform than the one running Maven
 */
public record Toolchain(Platform platform, String compiler, boolean cross) {

    /** The host's own compiler; an {@link IllegalStateException} on a platform usdt4j does not support. */
    public static Toolchain host(String compiler) {
        PlatformId host = PlatformId.host();
        Platform platform = host.platform();
        if (platform == null) {
            throw new IllegalStateException(Platform.unsupported(host.id()));
        }
        return new Toolchain(platform, compiler, false);
    }

    /**
     * The compiler for {@code platform}: its entry in {@code overrides} (keyed by platform id),
     * else {@code hostCompiler} on the host, else the Debian/Ubuntu cross compiler's name.
     */
    public static Toolchain of(Platform platform, PlatformId host, String hostCompiler, Map<String, String> overrides) {
        boolean cross = !platform.id().equals(host.id());
        String configured = overrides.get(platform.id());
        if (configured != null && !configured.isBlank()) {
            return new Toolchain(platform, configured.strip(), cross);
        }
        return new Toolchain(platform, cross ? platform.crossCompiler() : hostCompiler, cross);
    }

    /** The Debian/Ubuntu command that installs this compiler: {@code apt-get install gcc}. */
    String installCommand() {
        return "apt-get install " + (cross ? platform.crossCompilerPackage() + " " + platform.crossLibcPackage() : "gcc");
    }

    /** What to do when the compiler cannot be run. */
    String installAdvice() {
        String elsewhere = ", or let usdt4j write the library in Java with <backend>auto</backend> or <backend>java</backend>"
                + " (-Dusdt4j.backend)";
        if (!cross) {
            return "install one (Debian/Ubuntu: " + installCommand() + ") or set <compiler> (-Dusdt4j.compiler)" + elsewhere;
        }
        String id = platform.id();
        return "install the cross compiler (Debian/Ubuntu: " + installCommand() + "), or name a compiler for " + id
                + " with <compilers><" + id + ">/path/to/gcc</" + id + "></compilers>" + elsewhere;
    }
}
