// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import java.lang.reflect.Method;

/**
 * Virtual threads (JDK 21 and later) for apps compiled for Java 17: reflection, which fails with
 * an {@link UnsupportedOperationException} saying so on an older JDK.
 */
final class VirtualThreads {
    /** Looked up once: a lookup allocates, and {@link #totalAllocatedBytes} is read around what must allocate nothing. */
    private static final Method TOTAL_ALLOCATED = totalAllocated();

    private VirtualThreads() {}

    private static Method totalAllocated() {
        try {
            return com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Starts {@code body} in a new virtual thread. */
    static Thread start(Runnable body) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class).invoke(builder, body);
        } catch (NoSuchMethodException e) {
            throw new UnsupportedOperationException("virtual threads need JDK 21 or later", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What every thread of this JVM has allocated, virtual threads included (JDK 21 and later): a
     * virtual thread's own count is not kept.
     */
    static long totalAllocatedBytes() {
        if (TOTAL_ALLOCATED == null) {
            throw new UnsupportedOperationException("getTotalThreadAllocatedBytes needs JDK 21 or later");
        }
        try {
            return (long) TOTAL_ALLOCATED.invoke(OpsApp.threads());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
