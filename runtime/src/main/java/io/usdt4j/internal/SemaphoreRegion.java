package io.usdt4j.internal;

import java.nio.ByteBuffer;

/**
 * The semaphores of one provider: {@code size} bytes of memory read through {@link SemaphoreAccess}.
 * A record, because the JIT trusts a record's final fields as constants: with the region in a
 * {@code static final} field, the bounds check below folds away and the read is one load.
 *
 * @param memory what {@link SemaphoreAccess#read} takes: a MemorySegment, an address or the buffer
 * @param lastOffset the largest offset of a semaphore in it ({@code size - 2})
 * @param buffer keeps the memory reachable while {@code memory} may be a bare address
 * @param library the generated class whose class loader holds the native library the memory
 *     lies in, or null when the memory is the buffer's own: a class loader unloads its libraries
 *     once unreachable, and a region that outlives its provider class must not read unmapped memory
 */
record SemaphoreRegion(Object memory, int lastOffset, ByteBuffer buffer, Class<?> library) implements Semaphores {
    @Override
    public boolean isActive(int offset) {
        // Unsigned: one compare rejects negatives too; an odd offset is never a semaphore.
        if (Integer.compareUnsigned(offset, lastOffset) > 0 || (offset & 1) != 0) {
            throw new IndexOutOfBoundsException("offset " + offset + " is not a semaphore of this provider");
        }
        return SemaphoreAccess.isActive(memory, offset);
    }

    /** Says nothing of where the memory is. */
    @Override
    public String toString() {
        return "Semaphores[" + (lastOffset + Short.BYTES) + " bytes]";
    }
}
