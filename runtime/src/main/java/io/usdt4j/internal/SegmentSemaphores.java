// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.nio.ByteBuffer;

/**
 * The JDK 17 stand-in for the semaphores read through a {@code MemorySegment}, which need JDK 22
 * ({@link SemaphoreAccess.Kind#SEGMENT}). The build compiles {@code src/main/java22}'s class of
 * the same name with a JDK 22+ javac over this one's class file, so the jar holds only that one;
 * JDK 17 to 21 never load it, and this source only lets the rest compile for Java 17. Both declare
 * the same static methods.
 */
record SegmentSemaphores(Object memory, int lastOffset, ByteBuffer buffer, Class<?> library) implements Semaphores {
    static Semaphores over(ByteBuffer buffer, Class<?> library) {
        throw new UnsupportedOperationException("compiled without JDK 22");
    }

    static boolean isMapped(ByteBuffer buffer) {
        throw new UnsupportedOperationException("compiled without JDK 22");
    }

    @Override
    public boolean isActive(int offset) {
        throw new UnsupportedOperationException("compiled without JDK 22");
    }
}
