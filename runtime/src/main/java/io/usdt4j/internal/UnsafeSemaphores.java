// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import sun.misc.Unsafe;

/**
 * Semaphores read at a bare address by {@code sun.misc.Unsafe.getShortVolatile}: JDK 17 to 21
 * ({@link SemaphoreAccess.Kind#UNSAFE}). Only this class holds {@code sun.misc.Unsafe}'s
 * instance (its {@link UnsafeScratch} writes through it too), so a runtime image without
 * {@code jdk.unsupported} fails here, when the kind is chosen, and nowhere else.
 *
 * @param address the buffer's address
 * @param lastOffset the largest offset of a semaphore ({@code size - 2})
 * @param buffer keeps the memory reachable while it is read at a bare address
 * @param library see {@link SemaphoreAccess#over}
 */
record UnsafeSemaphores(long address, int lastOffset, ByteBuffer buffer, Class<?> library) implements Semaphores {
    static final Unsafe UNSAFE = theUnsafe();
    private static final long ADDRESS = fieldOffset(Buffer.class, "address");
    /** A buffer made by MemorySegment.asByteBuffer records its segment here; a JNI buffer has none. */
    private static final long SEGMENT = fieldOffset(Buffer.class, "segment");
    private static final long FILE = fieldOffset(MappedByteBuffer.class, "fd");

    /**
     * Semaphores over {@code buffer}, a direct buffer, at offsets from its start.
     *
     * @throws IllegalArgumentException for memory that must not be read at a bare address: a view
     *     of a {@code MemorySegment} (which may be freed while its address is read) or a mapped file
     */
    static Semaphores over(ByteBuffer buffer, Class<?> library) {
        if (UNSAFE.getObject(buffer, SEGMENT) != null) {
            throw SemaphoreAccess.refused("a view of a MemorySegment, which may be freed while unsafe reads its address");
        }
        if (buffer instanceof MappedByteBuffer && UNSAFE.getObject(buffer, FILE) != null) {
            throw SemaphoreAccess.refused(SemaphoreAccess.MAPPED_FILE);
        }
        return new UnsafeSemaphores(address(buffer), SemaphoreAccess.lastOffset(buffer), buffer, library);
    }

    /** The address of a direct buffer's memory (its first byte, whatever its position). */
    static long address(ByteBuffer buffer) {
        return UNSAFE.getLong(buffer, ADDRESS);
    }

    @Override
    public boolean isActive(int offset) {
        SemaphoreAccess.check(offset, lastOffset);
        return UNSAFE.getShortVolatile(null, address + offset) != 0;
    }

    /** Says nothing of where the memory is. */
    @Override
    public String toString() {
        return SemaphoreAccess.describe(lastOffset);
    }

    private static Unsafe theUnsafe() {
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true); // jdk.unsupported opens sun.misc to everyone
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no sun.misc.Unsafe instance", e);
        }
    }

    private static long fieldOffset(Class<?> owner, String name) {
        try {
            return UNSAFE.objectFieldOffset(owner.getDeclaredField(name));
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("no field " + owner.getName() + "." + name + " in this JDK", e);
        }
    }
}
