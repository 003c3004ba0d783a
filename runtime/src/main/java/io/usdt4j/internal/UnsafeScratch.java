// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.nio.ByteBuffer;
import java.util.Objects;
import sun.misc.Unsafe;

/**
 * Scratch memory written at a bare address by {@code sun.misc.Unsafe}: JDK 17 to 21
 * ({@link SemaphoreAccess.Kind#UNSAFE}), through {@link UnsafeSemaphores}' instance.
 *
 * @param address the buffer's address
 * @param size its capacity, which every write is checked against
 * @param buffer keeps the memory allocated while it is written at a bare address
 */
record UnsafeScratch(long address, int size, ByteBuffer buffer) implements ScratchMemory {
    /** {@code buffer}: a direct buffer of this runtime's own, never a view of another's memory. */
    static ScratchMemory over(ByteBuffer buffer) {
        return new UnsafeScratch(UnsafeSemaphores.address(buffer), buffer.capacity(), buffer);
    }

    @Override
    public void put(int offset, byte[] bytes, int count) {
        Objects.checkFromIndexSize(0, count, bytes.length);
        Objects.checkFromIndexSize(offset, count, size);
        UnsafeSemaphores.UNSAFE.copyMemory(bytes, Unsafe.ARRAY_BYTE_BASE_OFFSET, null, address + offset, count);
    }
}
