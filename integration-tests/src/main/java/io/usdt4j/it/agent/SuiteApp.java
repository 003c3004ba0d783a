// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it.agent;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Calls every method of {@link Cases} and prints what each returned or threw (its class, message
 * and stack trace), one line each: run with and without the agent, the transcripts must be equal.
 *
 * <p>{@code once}: prints the transcript and exits. {@code serve}: runs it once quietly (every class
 * loaded), prints {@code ready PID}, then per line of stdin: {@code run} prints the transcript and
 * {@code done}; {@code order} calls placeOrder(42, "BOOK-1", 3) and placeOrder(1, "X", -1);
 * {@code late} calls {@link Late#work}; {@code exit} exits.
 */
public final class SuiteApp {
    private SuiteApp() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("once")) {
            transcript().forEach(System.out::println);
            return;
        }
        transcript();
        System.out.println("ready " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Cases cases = new Cases(3);
        for (String line; (line = in.readLine()) != null; ) {
            switch (line) {
                case "run" -> {
                    transcript().forEach(System.out::println);
                    System.out.println("done");
                }
                case "order" -> {
                    System.out.println("ordered " + cases.placeOrder(42, "BOOK-1", 3) + " "
                            + call(() -> cases.placeOrder(1, "X", -1)));
                }
                case "late" -> System.out.println("late " + Late.work(21, "tag"));
                case "exit" -> {
                    return;
                }
                default -> System.out.println("unknown " + line);
            }
        }
    }

    static List<String> transcript() throws Exception {
        List<String> out = new ArrayList<>();
        Cases cases = new Cases(3);
        Cases negative = new Cases(-2);
        Cases chained = new Cases();
        out.add("constructors " + cases.kind() + " " + negative.kind() + " " + chained.kind() + " " + chained.area());
        out.add("add " + call(() -> Cases.add(2, 40)));
        out.add("placeOrder " + call(() -> cases.placeOrder(42, "BOOK-1", 3)));
        out.add("placeOrder threw " + call(() -> cases.placeOrder(1, "X", -1)));
        out.add("describe " + cases.describe(1) + " | " + cases.describe("s") + " | " + cases.describe(3L, 2.5));
        out.add("boxed " + Cases.boxed(1, true, 'a', 2L, 1.5) + " " + Cases.boxed(null, null, null, null, null));
        out.add("next " + Cases.next(Cases.Phase.PAID) + " " + Cases.next(null));
        out.add("length " + Cases.length(new StringBuilder("abc")) + " " + Cases.length("hello") + " " + Cases.length(null));
        out.add("sum " + Cases.sum(new int[] {1, 2, 3}, new Object(), List.of("a")) + " " + Cases.sum(new int[0], null, null));
        out.add("count " + cases.count() + " " + cases.count());
        out.add("fib " + Cases.fib(15));
        out.add("deep " + call(() -> Cases.deep(5)));
        out.add("caught " + Cases.caught("12") + " " + Cases.caught("x"));
        out.add("branches " + Cases.branches(-1) + " " + Cases.branches(0) + " " + Cases.branches(1) + " " + Cases.branches(7));
        out.add("locked " + call(() -> cases.locked(false)) + " " + call(() -> cases.locked(true)));
        out.add("mix " + Cases.mix(1L, 2.5, 3, 4L, 0.5f));
        out.add("letter " + Cases.letter((byte) 1, (short) 2, true) + Cases.letter((byte) 3, (short) 4, false));
        Cases.nothing();
        out.add("thirteen " + Cases.thirteen(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13));
        out.add("lambdas " + Cases.lambdas(List.of(1, 2, 3)));
        out.add("nested " + Cases.Nested.hello("n") + " inner " + cases.new Inner(5).shifted());
        out.add("greet " + cases.greet("you") + " " + Greeter.shout("hey"));
        out.add("threads " + call(() -> cases.threads(8)));
        out.add("virtualThreads " + call(() -> cases.virtualThreads(200)));
        return out;
    }

    /**
     * What {@code call} returned, or what it threw: its class, message and stack trace, every frame
     * up to {@link #transcript}'s (the frames below it differ between {@code once} and {@code serve}).
     */
    static String call(Callable<?> call) {
        try {
            return String.valueOf(call.call());
        } catch (Exception e) {
            StringBuilder out = new StringBuilder("threw ").append(e.getClass().getName()).append(": ").append(e.getMessage());
            for (StackTraceElement frame : e.getStackTrace()) {
                out.append(" at ").append(frame);
                if (frame.getClassName().equals(SuiteApp.class.getName()) && frame.getMethodName().equals("transcript")) {
                    break;
                }
            }
            return out.toString();
        }
    }
}
