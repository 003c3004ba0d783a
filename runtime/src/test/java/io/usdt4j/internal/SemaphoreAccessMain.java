// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CountDownLatch;

/**
 * Run in a JVM of its own by {@link SemaphoreAccessPropertyTest}, with the system properties that
 * {@link ProviderBinding} reads once: prints the kind chosen and what probes read through it,
 * loaded, compiled and inert.
 */
public final class SemaphoreAccessMain {
    private static final ByteBuffer REGION = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
    private static final ProviderBinding BINDING = bind();
    /** Constants, as in a generated class, so that the JIT may fold everything but the read. */
    private static final Semaphores SEMAPHORES = BINDING.semaphores();
    private static final int SEMAPHORE = BINDING.offset(0);

    private SemaphoreAccessMain() {}

    public static void main(String[] args) throws Exception {
        System.out.println("access=" + ProviderBinding.semaphoreAccess());

        StringBuilder reads = new StringBuilder().append(isActive());
        REGION.putShort(4, (short) 1);
        reads.append(',').append(isActive());
        REGION.putShort(4, (short) 0);
        reads.append(',').append(isActive());
        System.out.println("reads=" + reads);

        System.out.println("loop=" + loopSeesTheSemaphoreRise());

        System.setProperty(Settings.DISABLE, "true");
        ProviderBinding inert = ProviderBinding.load(new TestNatives(), "inert", 3, 255, 1);
        StringBuilder inertReads = new StringBuilder();
        for (int probe = 0; probe < 3; probe++) {
            inertReads.append(probe == 0 ? "" : ",").append(inert.semaphores().isActive(inert.offset(probe)));
        }
        System.out.println("inert=" + inertReads);
    }

    private static ProviderBinding bind() {
        try {
            return ProviderBinding.over("x", REGION, new int[] {4}, null);
        } catch (UnavailableException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isActive() {
        return SEMAPHORES.isActive(SEMAPHORE);
    }

    /**
     * A loop compiled while the semaphore was down still sees it rise: the read is not hoisted out
     * of it. A hoisted read spins forever, and the test's wait runs out. (C2 in JDK 17 and 25
     * hoists none of the three reads even when made plain; a plain field read does hang here.)
     */
    private static String loopSeesTheSemaphoreRise() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            spin(1_000_000); // compiled by C2 by now, whatever the machine's speed
        }
        CountDownLatch spinning = new CountDownLatch(1);
        Thread spinner = new Thread(() -> {
            spinning.countDown();
            spin(Long.MAX_VALUE);
        }, "spinner");
        spinner.setDaemon(true);
        spinner.start();
        spinning.await();
        Thread.sleep(100); // not needed for correctness: lets the spinner reach its loop, so the test can fail
        REGION.putShort(4, (short) 1);
        spinner.join();
        REGION.putShort(4, (short) 0);
        return "risen";
    }

    /** Nothing in the loop but the read: no store or call that would keep a plain read in place. */
    private static long spin(long limit) {
        long n = 0;
        while (!isActive() && n < limit) {
            n++;
        }
        return n;
    }
}
