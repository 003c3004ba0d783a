// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A way to build a provider's library for a platform. {@link PlatformBuilds} chooses one per
 * platform, as {@link Choice} asks, and logs which it chose, and why; then it asks it for each
 * provider's library. {@link CompilerBackend}, the platform's C compiler over usdt.h or
 * sys/sdt.h, and {@link JavaBackend}, usdt4j-writer, are the two.
 */
public interface LibraryBackend {

    /** How {@code <backend>} ({@code -Dusdt4j.backend}) chooses each platform's backend. */
    enum Choice {
        /** The C compiler where the platform's compiler and a probe header are installed (on Linux); else the Java writer. */
        AUTO,
        /** The Java writer for every platform. */
        JAVA,
        /** The C compiler for every platform; the build fails where it is missing. */
        CC;

        /** {@code auto}, as configured. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code auto}, {@code java} or {@code cc}, in any case; an {@link IllegalArgumentException} naming them for anything else. */
        public static Choice parse(String value) {
            for (Choice choice : values()) {
                if (choice.id().equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return choice;
                }
            }
            throw new IllegalArgumentException("'" + value + "' is not a backend: auto (the C compiler where it is installed,"
                    + " else the library written in Java), java or cc");
        }
    }

    /**
     * For the log, what builds the libraries: {@code compiled by cc over <sys/sdt.h> (systemtap)},
     * {@code written in Java}.
     */
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
