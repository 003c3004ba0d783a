// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a call to a small static method, {@link AgentTarget#longs3}, as the JVM runs it:
 * scripts/bench.sh runs this class in turns without an agent, with the usdt4j agent selecting the
 * method ({@code -javaagent:usdt4j-agent.jar=io.usdt4j.bench.AgentTarget#longs3} and
 * {@code -Dusdt4j.bench.agent=true}, which makes the setup check that the agent's library is
 * mapped), and with HotSpot's own method probes ({@code -XX:+DTraceMethodProbes}). With
 * {@code traced=true} bpftrace counts the entry probe's fires, as TracedBenchmark counts a
 * generated provider's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AgentBenchmark {
    long a = 1;
    long b = 2;
    long c = 3;

    @Param("false")
    public boolean traced;

    private Tracer tracer;

    @Setup(Level.Trial)
    public void checkTheAgentAndAttach() throws IOException {
        AgentTarget.longs3(0, 0, 0); // loaded, so instrumented and its library mapped, before bpftrace attaches
        if (Boolean.getBoolean("usdt4j.bench.agent") && !Files.readString(Path.of("/proc/self/maps")).contains("libusdt4j-java-")) {
            throw new IllegalStateException("-Dusdt4j.bench.agent=true, but no library of the agent is mapped");
        }
        if (traced) {
            tracer = Tracer.attach("agent.bt");
        }
    }

    @TearDown(Level.Trial)
    public void detach() throws IOException, InterruptedException {
        if (tracer != null) {
            for (String map : tracer.detach()) {
                System.out.println("bpftrace " + map);
            }
        }
    }

    @Benchmark
    public long longs3() {
        a++; // values change every call, as TracedBenchmark's do
        return AgentTarget.longs3(a, b, c);
    }
}
