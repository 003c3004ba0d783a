// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The loop benchmark: ITERATIONS iterations that each compute 1000 digits of pi ({@link PiMachin}),
 * with probes bench:start_loop and bench:end_loop around each one carrying the loop counter.
 *
 * <p>Usage: {@code PiLoop plain|untraced|traced|agent|agent-traced ITERATIONS WARMUP}. "plain" runs
 * the loop without probes; "untraced" with probes and no tracer; "traced" attaches bpftrace
 * (loop.bt) to this JVM after the warm-up. "agent" runs the plain loop in a JVM whose usdt4j agent
 * instruments {@code PiLoop#iteration} ({@code -javaagent:usdt4j-agent.jar=io.usdt4j.bench.PiLoop#iteration}:
 * an entry and a return probe around each iteration, as start_loop and end_loop are), and
 * "agent-traced" attaches bpftrace to those (loop-agent.bt). Prints one line:
 * {@code piloop variant=traced iterations=N seconds=S digest=D} (and bpftrace's maps).
 */
public final class PiLoop {
    static final int DIGITS = 1000;
    private static final BenchProbes PROBES = BenchProbesUsdt.INSTANCE;

    private final PiMachin pi = new PiMachin(DIGITS);
    private final byte[] digits = new byte[DIGITS];

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: PiLoop plain|untraced|traced|agent|agent-traced ITERATIONS WARMUP");
        }
        String variant = args[0];
        int iterations = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        boolean probes = switch (variant) {
            case "plain", "agent", "agent-traced" -> false;
            case "untraced", "traced" -> true;
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        };
        boolean agent = variant.startsWith("agent");
        PiLoop loop = new PiLoop();
        loop.run(probes, warmup); // the same code, so that it is compiled before timing starts

        if (agent && !Files.readString(Path.of("/proc/self/maps")).contains("libusdt4j-java-")) {
            throw new IllegalStateException("variant " + variant + " needs -javaagent:usdt4j-agent.jar=io.usdt4j.bench.PiLoop#iteration");
        }
        Tracer tracer = variant.endsWith("traced") && !variant.equals("untraced")
                ? Tracer.attach(agent ? "loop-agent.bt" : "loop.bt") : null;
        if (!agent && PROBES.isStartLoopEnabled() != (tracer != null)) {
            throw new IllegalStateException("bench:start_loop enabled=" + PROBES.isStartLoopEnabled() + " in variant " + variant);
        }
        long start = System.nanoTime();
        long digest = loop.run(probes, iterations);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> maps = tracer == null ? List.of() : tracer.detach();

        System.out.printf("piloop variant=%s iterations=%d seconds=%.4f digest=%d%n", variant, iterations, seconds, digest);
        for (String map : maps) {
            System.out.println("piloop bpftrace " + map);
        }
    }

    /** Runs the loop; returns a digest of the digits so that no iteration's work is dead code. */
    long run(boolean probes, int iterations) {
        return probes ? runWithProbes(iterations) : runPlain(iterations);
    }

    private long runPlain(int iterations) {
        long digest = 0;
        for (int i = 0; i < iterations; i++) {
            digest += iteration();
        }
        return digest;
    }

    private long runWithProbes(int iterations) {
        long digest = 0;
        for (int i = 0; i < iterations; i++) {
            PROBES.startLoop(i);
            digest += iteration();
            PROBES.endLoop(i);
        }
        return digest;
    }

    private long iteration() {
        pi.compute(digits);
        return digits[DIGITS - 1]; // the last digit depends on every step of the computation
    }

    /** The digits the last iteration computed. */
    String digits() {
        return new String(digits, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
