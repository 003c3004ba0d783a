// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import io.usdt4j.Usdt;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per call while no tracer is attached: usdt4j probes of four shapes against an empty
 * interface method, an unguarded JNI probe and a JFR event that no recording enables; and three of
 * the shapes again from a {@code jfr = true} provider, with no JFR recording either.
 * scripts/bench.sh sets forks and iterations; these are the defaults for a direct run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UntracedBenchmark {
    static final BenchProbes PROBES = BenchProbesUsdt.INSTANCE;
    static final BenchProbes EMPTY = EmptyProbes.INSTANCE;
    /** The same shapes with {@code jfr = true}, and no JFR recording running. */
    static final JfrBenchProbes JFR_PROBES = JfrBenchProbesUsdt.INSTANCE;

    // Fields, not constants, so that the JIT cannot fold the arguments away.
    long a = 1;
    long b = 2;
    long c = 3;
    String s = "order-12345";

    @Setup
    public void requireLoadedUntracedProbes() {
        // An inert binding (library not loaded) would make these numbers meaningless.
        Usdt.libraryPath(BenchProbes.class).orElseThrow(() -> new IllegalStateException(
                "usdt4j library not loaded: " + Usdt.unavailableReason(BenchProbes.class).orElse("?")));
        Usdt.libraryPath(JfrBenchProbes.class).orElseThrow(() -> new IllegalStateException(
                "usdt4j library not loaded: " + Usdt.unavailableReason(JfrBenchProbes.class).orElse("?")));
        if (PROBES.isLongs3Enabled() || JFR_PROBES.isLongs3Enabled()) {
            throw new IllegalStateException("a tracer or recording wants bench longs3; untraced numbers need none");
        }
    }

    @Benchmark
    public void baseline() {
        EMPTY.longs3(a, b, c);
    }

    @Benchmark
    public void noargs() {
        PROBES.noargs();
    }

    @Benchmark
    public void longs3() {
        PROBES.longs3(a, b, c);
    }

    /**
     * The is-enabled pattern: arguments are evaluated only behind the guard. Unguarded, a call's
     * arguments are loaded before the probe's own test, since the code that fires needs them; the
     * empty baseline instead drops its unused arguments altogether.
     */
    @Benchmark
    public void longs3Guarded() {
        if (PROBES.isLongs3Enabled()) {
            PROBES.longs3(a, b, c);
        }
    }

    @Benchmark
    public void string() {
        PROBES.string(s);
    }

    @Benchmark
    public void args12() {
        PROBES.args12(a, b, c, a, b, c, a, b, c, a, b, c);
    }

    @Benchmark
    public void jniUnguarded() {
        JniProbe.longs3(a, b, c);
    }

    @Benchmark
    public void jfrDisabled() {
        DisabledJfrEvent event = new DisabledJfrEvent();
        event.a = a;
        event.b = b;
        event.c = c;
        event.commit();
    }

    @Benchmark
    public void jfrNoargs() {
        JFR_PROBES.noargs();
    }

    @Benchmark
    public void jfrLongs3() {
        JFR_PROBES.longs3(a, b, c);
    }

    @Benchmark
    public void jfrString() {
        JFR_PROBES.string(s);
    }
}
