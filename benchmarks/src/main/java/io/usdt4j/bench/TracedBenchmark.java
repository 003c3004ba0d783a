// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import io.usdt4j.internal.ProviderBinding;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per fire while bpftrace counts every fire (traced.bt, the program cfire.c runs under):
 * each fork attaches bpftrace to itself before warming up, and prints bpftrace's counts at the end.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(3)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TracedBenchmark {
    static final BenchProbes PROBES = BenchProbesUsdt.INSTANCE;

    long a = 1;
    long b = 2;
    long c = 3;
    String s = "order-12345";

    private Tracer tracer;

    @Setup(Level.Trial)
    public void attachBpftrace() throws IOException {
        tracer = Tracer.attach("traced.bt");
        if (!PROBES.isNoargsEnabled() || !PROBES.isLongs3Enabled() || !PROBES.isStringEnabled() || !PROBES.isArgs12Enabled()) {
            tracer.close();
            throw new IllegalStateException("bpftrace attached, but a probe's semaphore reads 0");
        }
        System.out.println("usdt4j probe sites: nop" + ProviderBinding.of(BenchProbesUsdt.class).orElseThrow().probeNopSize());
    }

    @TearDown(Level.Trial)
    public void detachBpftrace() throws IOException, InterruptedException {
        for (String map : tracer.detach()) {
            System.out.println("bpftrace " + map);
        }
    }

    @Benchmark
    public void noargs() {
        PROBES.noargs();
    }

    @Benchmark
    public void longs3() {
        a++; // values change every fire, as cfire's do
        PROBES.longs3(a, b, c);
    }

    @Benchmark
    public void string() {
        PROBES.string(s);
    }

    @Benchmark
    public void args12() {
        a++;
        PROBES.args12(a, b, c, a, b, c, a, b, c, a, b, c);
    }
}
