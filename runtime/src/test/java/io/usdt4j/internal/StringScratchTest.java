// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.internal.SemaphoreAccess.Kind;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A provider's pool of native buffers for string arguments ({@link StringScratch}): a fire takes
 * one and gives it back, allocating nothing; a buffer is added only when every one is taken, so
 * there are never more than fires in progress at once, from many platform or virtual threads; a
 * lease works only for the thread that holds it; and when no memory can be had, strings pass as 0.
 */
class StringScratchTest {
    private static final int LIMIT = 255;

    static java.util.stream.Stream<Kind> kinds() {
        return ScratchMemoryTest.kinds();
    }

    private static StringScratch scratch(Kind kind) throws SemaphoreAccess.Unusable {
        return ScratchMemoryTest.scratch(kind, LIMIT, 2);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aFireTakesABufferAndGivesItBackForTheNext(Kind kind) throws Exception {
        StringScratch scratch = scratch(kind);
        assertEquals(0, scratch.buffers(), "nothing until the first fire");
        StringScratch.Lease first = scratch.acquire();
        assertEquals(1, scratch.buffers());
        assertEquals(1, scratch.buffersInUse());
        first.release();
        assertEquals(0, scratch.buffersInUse());
        for (int fire = 0; fire < 100; fire++) {
            StringScratch.Lease lease = scratch.acquire();
            assertSame(first, lease, "the free buffer, not a new one");
            lease.string("fire " + fire, fire % 2);
            lease.release();
        }
        assertEquals(1, scratch.buffers());
        assertEquals("StringScratch[1 buffers of 2 x 256 bytes, 0 in use]", scratch.toString(), "sizes, never an address");
    }

    /** A fire within a fire (a CharSequence argument whose charAt fires the same provider) takes a second buffer. */
    @Test
    void aFireWithinAFireTakesAnotherBuffer() throws Exception {
        StringScratch scratch = scratch(SemaphoreAccessTest.AUTOMATIC);
        StringScratch.Lease outer = scratch.acquire();
        StringScratch.Lease inner = scratch.acquire();
        assertNotSame(outer, inner);
        long innerAddress = inner.string("inner", 0);
        long outerAddress = outer.string("outer", 0);
        assertNotEquals(innerAddress, outerAddress);
        inner.release();
        outer.release();
        assertEquals(2, scratch.buffers());
        assertEquals(0, scratch.buffersInUse());
    }

    /** A lease works for the thread that holds it, only until it gives it back, and only on its own slots. */
    @ParameterizedTest
    @MethodSource("kinds")
    void aLeaseWorksOnlyForItsHolderAndItsSlots(Kind kind) throws Exception {
        StringScratch scratch = scratch(kind);
        StringScratch.Lease lease = scratch.acquire();
        for (int slot : new int[] {-1, 2, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThrows(IndexOutOfBoundsException.class, () -> lease.string("x", slot), "slot " + slot);
            assertThrows(IndexOutOfBoundsException.class, () -> lease.string(null, slot), "slot " + slot + ", null");
        }
        AtomicReference<Throwable> other = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                lease.string("not mine", 0);
            } catch (Throwable e) {
                other.set(e);
            }
            try {
                lease.release();
            } catch (Throwable e) {
                other.get().addSuppressed(e);
            }
        });
        thread.start();
        thread.join();
        assertTrue(other.get() instanceof IllegalStateException, String.valueOf(other.get()));
        assertTrue(other.get().getSuppressed()[0] instanceof IllegalStateException);
        assertEquals(1, scratch.buffersInUse(), "still held by this thread");

        lease.release();
        assertThrows(IllegalStateException.class, lease::release, "given back twice");
        assertThrows(IllegalStateException.class, () -> lease.string("after", 0), "written after it was given back");
        assertThrows(IllegalStateException.class, () -> lease.charSequence(new StringBuilder("after"), 1));
        assertEquals(0, scratch.buffersInUse());
    }

    /** A traced fire of a String allocates nothing, once the buffer exists: taking, writing and giving back. */
    @ParameterizedTest
    @MethodSource("kinds")
    void aFireAllocatesNothing(Kind kind) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        StringScratch scratch = scratch(kind);
        String ascii = "order-12345";
        String other = "na\u00efve \u2603 \uD834\uDD1E \uD800";
        StringBuilder builder = new StringBuilder("x".repeat(1000));
        int fires = 200_000;
        long sum = 0;
        long allocated = 0;
        for (int round = 0; round < 2; round++) { // the first warms up, the second is measured
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < fires; i++) {
                StringScratch.Lease lease = scratch.acquire();
                try {
                    sum += lease.string(ascii, 0) + lease.string(other, 1);
                    sum += lease.charSequence(builder, 0) + lease.enumName(Kind.SEGMENT, 1);
                } finally {
                    lease.release();
                }
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertTrue(allocated < fires, allocated + " bytes for " + fires + " fires (" + sum + ")");
        assertEquals(1, scratch.buffers());
    }

    /**
     * Threads that take and give back buffers as fast as they can, counting the fires in progress
     * (from before acquire to after release): the pool never holds more buffers than were once in
     * progress at the same time, and every buffer is given back.
     */
    @Test
    void buffersNeverOutnumberTheFiresInProgressOnPlatformThreads() throws Exception {
        int threads = 16;
        Bound bound = hammer(threads, 20_000, Thread::new, true);
        assertTrue(bound.buffers >= 1 && bound.buffers <= bound.mostInProgress && bound.mostInProgress <= threads, bound::toString);
    }

    /**
     * The same with many virtual threads: a fire neither blocks nor yields while it holds a buffer,
     * so no more fires are in progress than there are carrier threads, and no more buffers.
     */
    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void virtualThreadsTakeAtMostOneBufferPerCarrier() throws Exception {
        java.lang.reflect.Method ofVirtual = Thread.class.getMethod("ofVirtual");
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        java.lang.reflect.Method unstarted = builder.getMethod("unstarted", Runnable.class);
        Object virtual = ofVirtual.invoke(null);
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
        Bound bound = hammer(10_000, 200, body -> {
            try {
                return (Thread) unstarted.invoke(virtual, body);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }, false);
        assertTrue(bound.buffers >= 1 && bound.buffers <= bound.mostInProgress, bound::toString);
        assertTrue(bound.buffers <= carriers, () -> bound + " for " + carriers + " carriers");
    }

    record Bound(int buffers, int mostInProgress, int inUseAfter) {}

    interface ThreadFactory {
        Thread create(Runnable body);
    }

    private static Bound hammer(int threads, int firesEach, ThreadFactory factory, boolean yieldWhileHolding)
            throws Exception {
        StringScratch scratch = scratch(SemaphoreAccessTest.AUTOMATIC);
        AtomicInteger inProgress = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String text = "thread " + t;
            Thread thread = factory.create(() -> {
                try {
                    start.await();
                    for (int i = 0; i < firesEach; i++) {
                        most.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
                        StringScratch.Lease lease = scratch.acquire();
                        try {
                            long address = lease.string(text, 0);
                            if (address == 0 || lease.memory().buffer().get(text.length()) != 0) {
                                throw new AssertionError("not written: " + text);
                            }
                            if (yieldWhileHolding && (i & 7) == 0) {
                                Thread.yield();
                            }
                        } finally {
                            lease.release();
                            inProgress.decrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            thread.start();
            started.add(thread);
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        Bound bound = new Bound(scratch.buffers(), most.get(), scratch.buffersInUse());
        assertEquals(0, bound.inUseAfter, bound::toString);
        return bound;
    }

    /**
     * When no buffer can be had (here: the library gives no address, or one that is no user-space
     * memory's), fires pass their strings as 0, after one warning, and hold nothing.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void withoutMemoryStringsPassAsNullAfterOneWarning(long given) throws Exception {
        try (LogCapture log = LogCapture.start()) {
            StringScratch scratch = new StringScratch(LIMIT, 1, SemaphoreAccess.create(Kind.BUFFER, Runtime.version().feature()),
                    new ScratchMemoryTest.AddressNatives() {
                        @Override
                        protected long address(ByteBuffer buffer) {
                            return given;
                        }
                    });
            StringScratch.Lease lease = scratch.acquire();
            assertNull(lease.memory());
            assertEquals(0, lease.string("lost", 0));
            assertEquals(0, lease.charSequence(new StringBuilder("lost"), 0));
            assertThrows(IndexOutOfBoundsException.class, () -> lease.string("lost", 1));
            lease.release();
            lease.release();
            assertSame(lease, scratch.acquire(), "no further attempt");
            assertEquals(0, scratch.buffers());
            assertEquals(1, log.records.size(), String.valueOf(log.records));
            String message = LogCapture.text(log.records.get(0));
            assertTrue(message.contains("pass their string arguments as null (0)")
                    && message.contains("the native library gave no address for a direct buffer"), message);
        }
    }

    /** A binding makes its provider's pool at the first call, sized by what the generated class said, then always the same. */
    @Test
    void aBindingMakesItsPoolOnce() throws Exception {
        ProviderBinding binding = ProviderBinding.over("x", ByteBuffer.allocateDirect(2), new int[] {0}, null);
        StringScratch scratch = binding.strings();
        assertSame(scratch, binding.strings());
        assertEquals(0, scratch.buffers());
    }
}
