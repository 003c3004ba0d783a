// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.nio.ByteBuffer;

/**
 * The JDK 17 stand-in for the scratch memory written through a {@code MemorySegment}, which needs
 * JDK 22 ({@link SemaphoreAccess.Kind#SEGMENT}); see {@link SegmentSemaphores}' stand-in: the jar
 * holds only {@code src/main/java22}'s class of this name, and both declare the same static methods.
 */
record SegmentScratch(Object memory, long address, ByteBuffer buffer) implements ScratchMemory {
    static ScratchMemory over(ByteBuffer buffer) {
        throw new UnsupportedOperationException("compiled without JDK 22");
    }

    @Override
    public void put(int offset, byte[] bytes, int count) {
        throw new UnsupportedOperationException("compiled without JDK 22");
    }
}
