package io.usdt4j.it;

import io.usdt4j.Usdt;
import io.usdt4j.internal.ProviderBinding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A JVM that a test drives through standard input: it fires {@link EveryTypeProbes} with known
 * values, and reports its is-enabled queries, so that the test can compare what a tracer saw.
 */
public final class ProbeFiringApp {
    public static final String TEXT = "naïve ☃ 𝄞";

    public static void main(String[] args) throws IOException, InterruptedException {
        EveryTypeProbes probes = Usdt.provider(EveryTypeProbes.class);
        System.out.println("ready " + ProcessHandle.current().pid() + " "
                + Usdt.libraryPath(EveryTypeProbes.class).map(Object::toString)
                        .orElse("unavailable: " + Usdt.unavailableReason(EveryTypeProbes.class).orElse("?")));
        System.out.println("semaphoreAccess=" + ProviderBinding.semaphoreAccess());
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command; (command = commands.readLine()) != null; ) {
            switch (command) {
                case "await-enabled":
                    while (!allEnabled(probes)) {
                        Thread.sleep(10);
                    }
                    System.out.println("enabled");
                    break;
                case "fire":
                    fire(probes);
                    System.out.println("fired");
                    break;
                case "nop?": // which probe sites the probes fire on
                    System.out.println("nop=" + ProviderBinding.of(probes.getClass()).orElseThrow().probeNopSize());
                    break;
                case "enabled?":
                    System.out.println("enabled=" + allEnabled(probes) + " any=" + anyEnabled(probes));
                    break;
                case "exit":
                    return;
                default:
                    System.out.println("unknown command " + command);
            }
        }
    }

    static void fire(EveryTypeProbes probes) {
        probes.signedIntegers(Byte.MIN_VALUE, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE);
        probes.signedIntegers(Byte.MAX_VALUE, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
        probes.signedIntegers((byte) -1, (short) -1, -1, -1L);
        probes.unsignedIntegers(true, false, (char) 0xFFFF);
        probes.unsignedIntegers(false, true, (char) 0);
        probes.strings(TEXT, "", null);
        probes.nothing();
        probes.twelve(-1L, 2, (short) -3, (byte) 4, 'A', true,
                Long.MAX_VALUE, Integer.MIN_VALUE, Short.MAX_VALUE, Byte.MIN_VALUE, (char) 0x20AC, "twelfth");
    }

    private static boolean allEnabled(EveryTypeProbes p) {
        return p.isSignedIntegersEnabled() && p.isUnsignedIntegersEnabled() && p.isStringsEnabled()
                && p.isNothingEnabled() && p.isTwelveEnabled();
    }

    private static boolean anyEnabled(EveryTypeProbes p) {
        return p.isSignedIntegersEnabled() || p.isUnsignedIntegersEnabled() || p.isStringsEnabled()
                || p.isNothingEnabled() || p.isTwelveEnabled();
    }
}
