// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.nio.ByteBuffer;

/**
 * What a generated provider class lets the runtime do while it loads: load the provider's
 * library as that class, and call the natives that {@code JNI_OnLoad} registered on it
 * ({@link io.usdt4j.contract.NativeContract}). Each generated class has a private nested
 * subclass; the runtime calls these methods only from {@link ProviderBinding#load}, and
 * {@link #address} of the binding's own natives when it writes string arguments through a
 * {@code ByteBuffer} ({@link StringScratch}).
 *
 * <p>For generated code only. Calling plain methods, rather than method handles, keeps a
 * provider's initialization from spinning any classes, and the library belongs to the generated
 * class's loader because the nested class, which shares it, calls {@link System#load}.
 */
public abstract class ProviderNatives {
    protected ProviderNatives() {}

    /** {@code System.load(path)}, called from the generated class's nest. */
    protected abstract void loadLibrary(String path);

    /** Calls the generated class's {@code semaphores$} native. */
    protected abstract ByteBuffer semaphores(int[] offsets);

    /** Calls the generated class's {@code bindProbes$} native. */
    protected abstract int bindProbes(int nopSize);

    /** Calls the generated class's {@code address$} native: the address of a direct buffer's memory, 0 if none. */
    protected abstract long address(ByteBuffer buffer);
}
