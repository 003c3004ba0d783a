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
    public static final String QUOTES = "say \"hi\" \\ back\\";

    public static void main(String[] args) throws IOException, InterruptedException {
        EveryTypeProbes probes = Usdt.provider(EveryTypeProbes.class);
        System.out.println("ready " + ProcessHandle.current().pid() + " "
                + Usdt.libraryPath(EveryTypeProbes.class).map(Object::toString)
                        .orElse("unavailable: " + Usdt.unavailableReason(EveryTypeProbes.class).orElse("?")));
        System.out.println("semaphoreAccess=" + ProviderBinding.semaphoreAccess());
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command; (command = commands.readLine()) != null; ) {
            if (command.startsWith(AWAIT_SOME)) { // await-enabled:strings,twelve
                for (String probe : command.substring(AWAIT_SOME.length()).split(",")) {
                    while (!enabled(probes, probe)) {
                        Thread.sleep(10);
                    }
                }
                System.out.println("enabled");
                continue;
            }
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
                case "fire-quotes": // strings a tool must escape
                    probes.strings(QUOTES, "two\nlines", null);
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

    private static final String AWAIT_SOME = "await-enabled:";

    private static boolean enabled(EveryTypeProbes p, String probe) {
        return switch (probe) {
            case "signedIntegers" -> p.isSignedIntegersEnabled();
            case "unsignedIntegers" -> p.isUnsignedIntegersEnabled();
            case "strings" -> p.isStringsEnabled();
            case "nothing" -> p.isNothingEnabled();
            case "twelve" -> p.isTwelveEnabled();
            default -> throw new IllegalArgumentException("no probe " + probe);
        };
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
