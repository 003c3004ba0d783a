// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * Semaphores read through the buffer itself ({@link SemaphoreAccess.Kind#BUFFER}): any JDK, and
 * the slowest, because the JIT does not trust a buffer's fields, so that every read checks the
 * buffer's address, limit and session anew.
 *
 * @param buffer a direct buffer in native byte order, read at offsets from its start
 * @param lastOffset the largest offset of a semaphore ({@code size - 2})
 * @param library see {@link SemaphoreAccess#over}
 */
record BufferSemaphores(ByteBuffer buffer, int lastOffset, Class<?> library) implements Semaphores {
    /**
     * @throws IllegalArgumentException for a mapped file, where this JDK can tell one (JDK 22 and
     *     later, through the file's segment)
     */
    static Semaphores over(ByteBuffer buffer, Class<?> library, int feature) {
        if (feature >= SemaphoreAccess.SEGMENT_FEATURE && isMapped(buffer)) {
            throw SemaphoreAccess.refused(SemaphoreAccess.MAPPED_FILE);
        }
        return new BufferSemaphores(buffer, SemaphoreAccess.lastOffset(buffer), library);
    }

    /** The slow path must always be there: where the segment class cannot load, a buffer is read as the JDK reads any. */
    private static boolean isMapped(ByteBuffer buffer) {
        try {
            return SegmentSemaphores.isMapped(buffer);
        } catch (LinkageError e) {
            return false;
        }
    }

    @Override
    public boolean isActive(int offset) {
        SemaphoreAccess.check(offset, lastOffset);
        // The fence keeps the plain read in place: a compiled loop reads it on every turn.
        VarHandle.acquireFence();
        return buffer.getShort(offset) != 0;
    }

    /** Says nothing of where the memory is. */
    @Override
    public String toString() {
        return SemaphoreAccess.describe(lastOffset);
    }
}
