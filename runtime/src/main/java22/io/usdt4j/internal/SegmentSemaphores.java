// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * Semaphores read opaquely through a {@code MemorySegment} over the library's memory: JDK 22 and
 * later ({@link SemaphoreAccess.Kind#SEGMENT}). Compiled by a JDK 22+ javac over the Java 17
 * stand-in of the same name (see the runtime's pom), so that the rest of the runtime stays Java 17
 * and nothing is looked up reflectively: the var handle is linked once per JVM, and no method
 * handle is spun per provider.
 *
 * @param memory the segment, whose bounds the read checks again
 * @param lastOffset the largest offset of a semaphore ({@code size - 2})
 * @param buffer the buffer the segment is a view of, kept reachable with it
 * @param library see {@link SemaphoreAccess#over}
 */
record SegmentSemaphores(MemorySegment memory, int lastOffset, ByteBuffer buffer, Class<?> library) implements Semaphores {
    /** {@code (MemorySegment, long offset) short}, native byte order, 2-byte aligned. */
    private static final VarHandle SHORTS = ValueLayout.JAVA_SHORT.varHandle();

    /** @throws IllegalArgumentException for a mapped file, whose pages fault once the file shrinks */
    static Semaphores over(ByteBuffer buffer, Class<?> library) {
        MemorySegment memory = MemorySegment.ofBuffer(buffer);
        if (memory.isMapped()) {
            throw SemaphoreAccess.refused(SemaphoreAccess.MAPPED_FILE);
        }
        return new SegmentSemaphores(memory, SemaphoreAccess.lastOffset(buffer), buffer, library);
    }

    static boolean isMapped(ByteBuffer buffer) {
        return MemorySegment.ofBuffer(buffer).isMapped();
    }

    @Override
    public boolean isActive(int offset) {
        SemaphoreAccess.check(offset, lastOffset);
        return (short) SHORTS.getOpaque(memory, (long) offset) != 0;
    }

    /** Says nothing of where the memory is. */
    @Override
    public String toString() {
        return SemaphoreAccess.describe(lastOffset);
    }
}
