// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.Usdt;
import io.usdt4j.testsupport.Driver;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM that a test drives through standard input ({@link Driver}), one command a line, to test how
 * {@link OpsProbes} loads, degrades, and fires from hot loops and many threads.
 *
 * <p>With the argument {@code await-go} it waits for a first line before it touches the provider,
 * so that a test can start many JVMs and then let them all load at the same moment.
 */
public final class OpsApp {
    /** Strings with a defined but surprising encoding, by name; see {@code StringEdgeCaseTest}. */
    static String text(String name) {
        switch (name) {
            case "nul":
                return "before\0after";
            case "lone-high":
                return "a\uD834b";
            case "lone-low":
                return "a\uDD1Eb";
            case "mebibyte":
                return "x".repeat(1 << 20);
            case "boundary": // 253 ASCII bytes then a 4-byte character: 257 bytes, more than 255
                return "y".repeat(253) + "\uD834\uDD1E";
            case "boundary-fits": // 251 + 4 = 255 bytes: fits exactly
                return "z".repeat(251) + "\uD834\uDD1E";
            case "short":
                return "order-12345";
            case "non-ascii":
                return "na\u00efve \u2603 \uD834\uDD1E";
            default:
                throw new IllegalArgumentException(name);
        }
    }

    /**
     * What {@code text-threads} fires from thread {@code t}, with {@code t % 64} as its second
     * argument: a string of its own, ASCII and not, whose every byte says whose it is, so that a
     * buffer shared by two fires at once, or torn, shows under the wrong key.
     */
    public static String threadText(int key) {
        char letter = (char) ('a' + key % 26);
        return "t" + key + "-" + String.valueOf(letter).repeat(4 + key % 20) + "\u00e9" + (key % 2 == 0 ? "\u20ac" : "");
    }

    /** Distinct values of {@link #threadText}, and of the text probe's second argument in {@code text-threads}. */
    public static final int THREAD_TEXTS = 64;

    /** Mixes both values so that a line whose arguments were torn or swapped does not match. */
    public static long checksum(long thread, long counter) {
        return (thread * 0x9E3779B97F4A7C15L) ^ (counter * 31 + 7);
    }

    private static volatile boolean running;
    private static volatile long spins;

    public static void main(String[] args) throws Exception {
        Driver driver = new Driver();
        if (args.length > 0 && args[0].equals("await-go")) {
            driver.awaitGo("waiting");
        }
        OpsProbes probes = Usdt.provider(OpsProbes.class);
        Driver.ready(Usdt.libraryPath(OpsProbes.class), Usdt.unavailableReason(OpsProbes.class));
        List<Thread> threads = new ArrayList<>();
        driver.on("enabled?", arguments -> "enabled=" + probes.isTickEnabled() + " " + probes.isTextEnabled())
                .on("await-enabled", arguments -> { // [tick|text]: that probe only; both without an argument
                    boolean tick = arguments.isEmpty() || arguments.get(0).equals("tick");
                    boolean text = arguments.isEmpty() || arguments.get(0).equals("text");
                    return Driver.awaiting(() -> (!tick || probes.isTickEnabled()) && (!text || probes.isTextEnabled()))
                            .run(arguments);
                })
                .on("fire", Driver.firing(() -> {
                    probes.tick(-1, 42, checksum(-1, 42));
                    probes.text("hello", 5);
                }))
                .on("text", arguments -> {
                    String value = text(arguments.get(0));
                    probes.text(value, value.length());
                    return "fired text " + arguments.get(0);
                })
                .on("allocated", arguments -> { // NAME FIRES [virtual]: what this thread allocates firing tick, then text
                    int fires = Integer.parseInt(arguments.get(1));
                    String value = text(arguments.get(0));
                    if (arguments.size() < 3) {
                        return allocated(probes, value, fires, threads()::getCurrentThreadAllocatedBytes);
                    }
                    // A virtual thread's own count is not kept (-1): every thread's, with this one waiting.
                    String[] reply = new String[1];
                    Thread thread = VirtualThreads.start(() -> reply[0] = allocated(probes, value, fires,
                            VirtualThreads::totalAllocatedBytes));
                    thread.join();
                    return reply[0];
                })
                .on("text-threads", arguments -> { // COUNT platform|virtual FIRES: each thread fires its text FIRES times
                    int count = Integer.parseInt(arguments.get(0));
                    boolean virtual = arguments.get(1).equals("virtual");
                    int fires = Integer.parseInt(arguments.get(2));
                    List<Thread> firing = new ArrayList<>();
                    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                    for (int t = 0; t < count; t++) {
                        int key = t % THREAD_TEXTS;
                        Runnable body = () -> fireText(probes, go, key, fires);
                        firing.add(virtual ? VirtualThreads.start(body) : start(body));
                    }
                    go.countDown();
                    for (Thread thread : firing) {
                        thread.join();
                    }
                    return "fired " + (long) count * fires + " buffers="
                            + io.usdt4j.internal.ProviderBinding.of(OpsProbesUsdt.class).orElseThrow().strings().buffers();
                })
                .on("spin", arguments -> {
                    running = true;
                    threads.add(start(() -> spin(probes)));
                    return "spinning";
                })
                .on("spins?", arguments -> "spins=" + spins)
                .on("threads", arguments -> {
                    running = true;
                    int count = Integer.parseInt(arguments.get(0));
                    for (int t = 0; t < count; t++) {
                        long thread = t;
                        threads.add(start(() -> tickSlowly(probes, thread)));
                    }
                    return "started " + count;
                })
                .on("stop", arguments -> {
                    running = false;
                    for (Thread thread : threads) {
                        thread.join();
                    }
                    threads.clear();
                    return "stopped";
                })
                .run();
    }

    static com.sun.management.ThreadMXBean threads() {
        return (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    }

    /**
     * The bytes {@code allocated} counts over {@code fires} fires of tick and then of text with
     * {@code value}, each after as many fires to warm up: "allocated tick=B text=B".
     */
    private static String allocated(OpsProbes probes, String value, int fires, java.util.function.LongSupplier allocated) {
        int length = value.length();
        long[] bytes = new long[3];
        for (int round = 0; round < 2; round++) { // the first round warms up, the second is measured
            bytes[0] = allocated.getAsLong();
            for (int i = 0; i < fires; i++) {
                probes.tick(-2, i, checksum(-2, i));
            }
            bytes[1] = allocated.getAsLong();
            for (int i = 0; i < fires; i++) {
                probes.text(value, length);
            }
            bytes[2] = allocated.getAsLong();
        }
        return "allocated tick=" + (bytes[1] - bytes[0]) + " text=" + (bytes[2] - bytes[1]);
    }

    /** Once {@code go} opens, fires text with {@link #threadText} of {@code key}, {@code fires} times, yielding now and then. */
    private static void fireText(OpsProbes probes, java.util.concurrent.CountDownLatch go, int key, int fires) {
        String value = threadText(key);
        try {
            go.await();
        } catch (InterruptedException e) {
            return;
        }
        for (int i = 0; i < fires; i++) {
            probes.text(value, key);
            if (i % 16 == 15) {
                Thread.yield();
            }
        }
    }

    private static Thread start(Runnable body) {
        Thread thread = new Thread(body);
        thread.start();
        return thread;
    }

    /**
     * A loop that C2 compiles (on-stack replacement) long before a tracer attaches. Thread 0 for
     * the tracer's filter. If the JIT hoisted the semaphore read out of the loop, it would never fire.
     */
    static void spin(OpsProbes probes) {
        long counter = 0;
        while (running) {
            probes.tick(0, counter, checksum(0, counter));
            counter++;
            if ((counter & 0xFFFFF) == 0) {
                spins = counter;
            }
        }
    }

    /** Fires at a pace a tracer prints without dropping events, so that every value can be checked. */
    static void tickSlowly(OpsProbes probes, long thread) {
        long counter = 0;
        while (running) {
            probes.tick(thread, counter, checksum(thread, counter));
            counter++;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
