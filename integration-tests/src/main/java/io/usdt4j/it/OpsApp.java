package io.usdt4j.it;

import io.usdt4j.Usdt;
import io.usdt4j.testsupport.Driver;
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
            default:
                throw new IllegalArgumentException(name);
        }
    }

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
