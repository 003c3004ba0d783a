// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import io.usdt4j.contract.ResourceLayout;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
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
 * Cost per call while a JFR recording enables the event: a {@code jfr = true} probe (no USDT
 * tracer attached) against a hand-written JFR event of the same shape, committed the way JFR's
 * documentation writes it. usdt4j must not be slower than the hand-written event. The fork starts
 * one recording from the provider's own .jfc (read from the jar, as
 * {@code -XX:StartFlightRecording:settings=<.jfc>} would) with the hand-written events enabled
 * alike, to disk and bounded in size, like a production recording.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JfrRecordingBenchmark {
    static final JfrBenchProbes PROBES = JfrBenchProbesUsdt.INSTANCE;

    long a = 1;
    long b = 2;
    long c = 3;
    String s = "order-12345";

    private Recording recording;

    @Setup(Level.Trial)
    public void startRecording() throws Exception {
        String settings = "/" + ResourceLayout.jfrSettings("bench_jfr");
        try (Reader jfc = new InputStreamReader(JfrRecordingBenchmark.class.getResourceAsStream(settings),
                StandardCharsets.UTF_8)) {
            recording = new Recording(Configuration.create(jfc));
        }
        recording.enable(HandWrittenEvents.Longs3.class).withoutStackTrace().withThreshold(java.time.Duration.ZERO);
        recording.enable(HandWrittenEvents.Text.class).withoutStackTrace().withThreshold(java.time.Duration.ZERO);
        recording.setToDisk(true);
        recording.setMaxSize(256L << 20);
        recording.start();
        if (!PROBES.isLongs3Enabled()) {
            throw new IllegalStateException("the recording does not enable usdt4j.bench_jfr.longs3");
        }
    }

    @TearDown(Level.Trial)
    public void stopRecording() {
        recording.close();
    }

    @Benchmark
    public void usdt4jLongs3() {
        PROBES.longs3(a, b, c);
    }

    @Benchmark
    public void handWrittenLongs3() {
        HandWrittenEvents.Longs3 event = new HandWrittenEvents.Longs3();
        event.a = a;
        event.b = b;
        event.c = c;
        event.commit();
    }

    @Benchmark
    public void usdt4jString() {
        PROBES.string(s);
    }

    @Benchmark
    public void handWrittenString() {
        HandWrittenEvents.Text event = new HandWrittenEvents.Text();
        event.s = s;
        event.commit();
    }
}
