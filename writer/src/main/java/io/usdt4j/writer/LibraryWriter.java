// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import io.usdt4j.contract.Platform;
import java.util.Objects;

/**
 * Writes a provider's native library in Java: the ELF64 shared object that a C compiler would build
 * from the provider's generated C source, for any platform of the table, on any operating system.
 *
 * <p>The library binds the same natives the same way as the C-built one ({@code JNI_OnLoad}
 * registers {@code semaphores$} and {@code bindProbes$} on the generated class; {@code bindProbes$}
 * registers each probe's {@code fire$<probe>} on the kind of site Java chose). Each probe has a
 * fire function per kind of site: the site's instruction and a return, its {@code stapsdt} note
 * naming where the calling convention put each argument. Its semaphores are in {@code .probes}, its
 * description in {@code .usdt4j}, not loaded.
 *
 * <p>The bytes depend only on the arguments: no time, no host, no hash order. Thread-safe.
 */
public final class LibraryWriter {
    private LibraryWriter() {}

    /**
     * Writes a provider's library.
     *
     * @param library the provider, its generated class, its probes and its description
     * @param platform the platform it runs on
     * @return the bytes of the file to put at {@code ResourceLayout.library(PlatformId.of(platform), provider)}
     */
    public static byte[] write(ProviderLibrary library, Platform platform) {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(platform, "platform");
        return new LibraryImage(library, platform).write();
    }
}
