// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The controls for {@link TracedBenchmark}: probe {@code jniprobe:control} (3 longs) fired with no
 * usdt4j code in between, under control.bt (the same count as traced.bt), on either kind of site.
 * {@code cLoop}: a C loop fires inside one JNI call, as cfire does, but in this JVM: against
 * cfire, what a fire costs more in a JVM process. {@code jniCall}: one JNI call per fire: against
 * cLoop, what the JNI call around a fire costs; against TracedBenchmark.longs3, what usdt4j's own
 * code costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TracedControlBenchmark {
    private static final int LOOP_FIRES = 1000;

    /** The nop size of the site that fires: 1 (int3 trap) or 5 (x86-64: Linux 6.18+ trampoline). */
    @Param({"5", "1"})
    int nop;

    long a = 1;
    long b = 2;
    long c = 3;

    private Tracer tracer;

    @Setup(Level.Trial)
    public void attachBpftrace() throws IOException {
        JniProbe.controlLoop1(0); // loads libjniprobe: bpftrace -p finds only probes already mapped
        tracer = Tracer.attach("control.bt");
    }

    @TearDown(Level.Trial)
    public void detachBpftrace() throws IOException, InterruptedException {
        var maps = tracer.detach();
        if (maps.isEmpty()) {
            throw new IllegalStateException("bpftrace counted no fire of jniprobe:control");
        }
        for (String map : maps) {
            System.out.println("bpftrace nop" + nop + " " + map);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LOOP_FIRES)
    public void cLoop() {
        if (nop == 5) {
            JniProbe.controlLoop5(LOOP_FIRES);
        } else {
            JniProbe.controlLoop1(LOOP_FIRES);
        }
    }

    @Benchmark
    public void jniCall() {
        a++;
        if (nop == 5) {
            JniProbe.control5(a, b, c);
        } else {
            JniProbe.control1(a, b, c);
        }
    }
}
