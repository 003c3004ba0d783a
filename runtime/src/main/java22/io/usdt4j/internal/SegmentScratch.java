// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * Scratch memory written through a {@code MemorySegment} over a direct buffer: JDK 22 and later
 * ({@link SemaphoreAccess.Kind#SEGMENT}). Compiled by a JDK 22+ javac over the Java 17 stand-in of
 * the same name, as {@link SegmentSemaphores} is.
 *
 * @param memory the segment, whose bounds every write checks
 * @param address its address
 * @param buffer the buffer the segment is a view of, kept reachable with it
 */
record SegmentScratch(MemorySegment memory, long address, ByteBuffer buffer) implements ScratchMemory {
    static ScratchMemory over(ByteBuffer buffer) {
        MemorySegment memory = MemorySegment.ofBuffer(buffer);
        return new SegmentScratch(memory, memory.address(), buffer);
    }

    @Override
    public void put(int offset, byte[] bytes, int count) {
        MemorySegment.copy(bytes, 0, memory, ValueLayout.JAVA_BYTE, offset, count);
    }
}
