// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.nio.ByteBuffer;

/**
 * Scratch memory written through the buffer itself ({@link SemaphoreAccess.Kind#BUFFER}): where
 * this JVM has neither {@code java.lang.foreign} nor {@code sun.misc.Unsafe}, so that only JNI can
 * tell the buffer's address: the provider's library does ({@code address$}).
 *
 * @param buffer a direct buffer, written at offsets from its start
 * @param address its address, as the provider's library gave it
 */
record BufferScratch(ByteBuffer buffer, long address) implements ScratchMemory {
    /**
     * @param natives the provider's natives, whose library tells the address
     * @throws IllegalStateException when the library gives none, or one no user-space memory has
     *     (negative as a signed address)
     */
    static ScratchMemory over(ByteBuffer buffer, ProviderNatives natives) {
        long address = natives.address(buffer);
        if (address <= 0) {
            throw new IllegalStateException("the native library gave no address for a direct buffer");
        }
        return new BufferScratch(buffer, address);
    }

    @Override
    public void put(int offset, byte[] bytes, int count) {
        buffer.put(offset, bytes, 0, count);
    }
}
