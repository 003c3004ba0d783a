// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it.agent;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Real methods of every shape the agent instruments, and the awkward ones: what {@link SuiteApp}
 * calls, with and without the agent, to compare what they do.
 */
public class Cases extends Base implements Greeter {
    public enum Phase { NEW, PAID, SHIPPED }

    private int counter;
    private final String label;

    public Cases(int x) {
        super(x > 0 ? "positive" : "negative"); // a branch before the super call: frames there
        this.label = "cases" + x;
    }

    public Cases() {
        this(7); // a constructor that calls another one of its class
    }

    public static int add(int a, int b) {
        return a + b;
    }

    public long placeOrder(long orderId, String sku, int quantity) {
        if (quantity < 0) {
            throw new IllegalStateException("negative quantity " + quantity);
        }
        return orderId * quantity + sku.length();
    }

    public String describe(int value) {
        return "int " + value;
    }

    public String describe(String value) {
        return "string " + value;
    }

    public String describe(long a, double b) {
        return "long,double " + a + " " + b;
    }

    public static Integer boxed(Integer value, Boolean flag, Character c, Long l, Double d) {
        return value == null ? null : value + (flag != null && flag ? 1 : 0) + (c == null ? 0 : c) + (l == null ? 0 : l.intValue());
    }

    public static Phase next(Phase phase) {
        return phase == null ? Phase.NEW : Phase.values()[(phase.ordinal() + 1) % Phase.values().length];
    }

    public static int length(CharSequence text) {
        return text == null ? -1 : text.length();
    }

    public static int sum(int[] values, Object ignored, List<String> names) {
        int total = 0;
        for (int v : values) {
            total += v;
        }
        return total + (names == null ? 0 : names.size());
    }

    public synchronized int count() {
        return ++counter;
    }

    public static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    /** Throws from deep down a recursion: its stack trace must be exactly the one without the agent. */
    public static int deep(int n) {
        if (n == 0) {
            throw new IllegalArgumentException("bottom");
        }
        return deep(n - 1) + 1;
    }

    /** Catches what it throws itself: its handler, not the agent's, takes it. */
    public static int caught(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        } finally {
            text = null;
        }
    }

    /** Many returns, loops, locals of several types in one slot. */
    public static String branches(int n) {
        if (n < 0) {
            return "negative";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i % 3 == 0) {
                continue;
            }
            out.append(i);
        }
        {
            long big = n * 1_000_000_000L;
            out.append(':').append(big);
        }
        {
            Object o = out.length() > 3 ? "long" : Integer.valueOf(1);
            out.append(':').append(o);
        }
        switch (n) {
            case 0:
                return "zero";
            case 1:
                return "one" + out;
            default:
                return out.toString();
        }
    }

    /** Throws out of a synchronized block and a try-with-resources. */
    public String locked(boolean fail) throws Exception {
        synchronized (this) {
            try (Closeable resource = () -> counter++) {
                if (fail) {
                    throw new java.io.IOException("failed while locked");
                }
                return label + ":" + counter;
            }
        }
    }

    public static double mix(long a, double b, int c, long d, float e) {
        return a + b + c + d + e;
    }

    public static char letter(byte b, short s, boolean upper) {
        char c = (char) ('a' + (b + s) % 26);
        return upper ? Character.toUpperCase(c) : c;
    }

    public static void nothing() {
    }

    public static int thirteen(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11,
            int a12, int a13) {
        return a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13;
    }

    /** Encloses lambdas and an anonymous class. */
    public static String lambdas(List<Integer> values) {
        Supplier<String> anonymous = new Supplier<>() {
            @Override
            public String get() {
                return "anonymous";
            }
        };
        IntSupplier lambda = () -> values.size();
        return values.stream().map(v -> v * 2).map(String::valueOf).collect(Collectors.joining(",")) + " " + anonymous.get()
                + " " + lambda.getAsInt();
    }

    /** A nested class, static. */
    public static final class Nested {
        public static String hello(String name) {
            return "hello " + name;
        }
    }

    /** An inner class: its constructor takes the outer instance first. */
    public final class Inner {
        private final int offset;

        public Inner(int offset) {
            this.offset = offset;
        }

        public int shifted() {
            return counter + offset;
        }
    }

    /** The same method on many threads at once. */
    public long threads(int count) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        long[] results = new long[count];
        for (int t = 0; t < count; t++) {
            int index = t;
            threads.add(new Thread(() -> {
                long sum = 0;
                for (int i = 0; i < 1000; i++) {
                    sum += placeOrder(i, "T", index);
                }
                results[index] = sum;
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(TimeUnit.MINUTES.toMillis(1));
        }
        long total = 0;
        for (long r : results) {
            total += r;
        }
        return total;
    }

    /** Virtual threads (JDK 21 and later), reached reflectively so that this compiles for 17; -1 before 21. */
    public long virtualThreads(int count) throws Exception {
        if (Runtime.version().feature() < 21) {
            return -1;
        }
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        java.lang.reflect.Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        List<Thread> threads = new ArrayList<>();
        long[] results = new long[count];
        for (int t = 0; t < count; t++) {
            int index = t;
            threads.add((Thread) start.invoke(builder, (Runnable) () -> {
                long sum = 0;
                for (int i = 0; i < 100; i++) {
                    sum += placeOrder(i, "V", index % 7);
                    Thread.yield();
                }
                results[index] = sum;
            }));
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.MINUTES.toMillis(1));
        }
        long total = 0;
        for (long r : results) {
            total += r;
        }
        return total;
    }

    @Override
    public int area() {
        return label.length();
    }

    static native int neverCalled();
}
