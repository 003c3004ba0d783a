package io.usdt4j.it;

import io.usdt4j.Usdt;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Fires {@link BoxedAndEnumProbes} with known values, driven over standard input like {@link ProbeFiringApp}. */
public final class BoxedAndEnumApp {
    public static void main(String[] args) throws IOException, InterruptedException {
        BoxedAndEnumProbes probes = Usdt.provider(BoxedAndEnumProbes.class);
        System.out.println("ready " + ProcessHandle.current().pid() + " "
                + Usdt.libraryPath(BoxedAndEnumProbes.class).map(Object::toString)
                        .orElse("unavailable: " + Usdt.unavailableReason(BoxedAndEnumProbes.class).orElse("?")));
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command; (command = commands.readLine()) != null; ) {
            switch (command) {
                case "await-enabled" -> {
                    while (!(probes.isBoxedEnabled() && probes.isTextsEnabled())) {
                        Thread.sleep(10);
                    }
                    System.out.println("enabled");
                }
                case "fire" -> {
                    fire(probes);
                    System.out.println("fired");
                }
                case "exit" -> {
                    return;
                }
                default -> System.out.println("unknown command " + command);
            }
        }
    }

    static void fire(BoxedAndEnumProbes probes) {
        probes.boxed(true, (byte) -1, (short) -300, '\u00e9', Integer.MIN_VALUE, Long.MIN_VALUE);
        probes.boxed(null, null, null, null, null, null);
        // 8 bytes at most: "naïve ☃" is 10, so the snowman, which would not fit whole, is cut off.
        probes.texts(ProbeFiringApp.TEXT, new StringBuilder("builder!"), BoxedAndEnumProbes.Color.GREEN, TimeUnit.SECONDS);
        probes.texts(null, null, null, null);
    }
}
