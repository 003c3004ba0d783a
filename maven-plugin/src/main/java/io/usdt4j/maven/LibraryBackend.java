// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A way to build a provider's library for a platform. {@link PlatformBuilds} asks one per
 * platform and logs which it chose, and why ({@link #description()}); then it asks it for each
 * provider's library. {@link CompilerBackend}, the platform's C compiler over usdt.h or
 * sys/sdt.h, is one.
 */
public interface LibraryBackend {

    /** For the log: what builds the libraries and why it was chosen, such as {@code cc, probe header <sys/sdt.h> (systemtap)}. */
    String description();

    /**
     * Writes {@code provider}'s library for {@code platform} at {@link ProviderFiles#library}, from
     * what the processor wrote for it.
     *
     * @return the library written
     */
    Path build(Platform platform, ProviderFiles provider) throws BuildException, IOException;

    /**
     * A provider's files in a class output: what the processor wrote (its C source and its probe
     * description) and where its libraries go, all as {@link ResourceLayout} places them.
     *
     * @param provider the provider's name
     * @param classes the class output
     */
    record ProviderFiles(String provider, Path classes) {
        /** {@code META-INF/usdt4j/src/shop.c}. */
        public Path cSource() {
            return classes.resolve(ResourceLayout.cSource(provider));
        }

        /** {@code META-INF/usdt4j/shop.json}: the probe description, the provider's model. */
        public Path description() {
            return classes.resolve(ResourceLayout.description(provider));
        }

        /** {@code META-INF/usdt4j/native/linux-x86_64/libusdt4j-shop.so}. */
        public Path library(Platform platform) {
            return classes.resolve(ResourceLayout.library(PlatformId.of(platform), provider));
        }

        /** The library's digest beside it ({@link ResourceLayout#libraryDigest}). */
        public Path libraryDigest(Platform platform) {
            return classes.resolve(ResourceLayout.libraryDigest(PlatformId.of(platform), provider));
        }
    }

    /** A library could not be built; the message says what to do. */
    class BuildException extends Exception {
        private static final long serialVersionUID = 1L;

        public BuildException(String message) {
            super(message);
        }

        public BuildException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
