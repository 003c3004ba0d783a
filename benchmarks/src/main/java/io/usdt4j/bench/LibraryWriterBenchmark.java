// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import io.usdt4j.description.TracerType;
import io.usdt4j.writer.LibraryWriter;
import io.usdt4j.contract.Platform;
import io.usdt4j.writer.ProviderLibrary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time to write one provider's library for one platform in Java ({@link LibraryWriter}), where
 * gcc takes about 300 ms: {@code bench} is {@link BenchProbes} (6 probes, up to 12 arguments),
 * {@code hundred} a provider of 100 probes of 4 arguments each. Run as {@code -bm avgt} for the
 * time in a warm JVM (a build writing many providers), and as {@code -bm ss -f 10 -wi 0 -i 1} for
 * the first write in a new JVM, class loading included (javac running the processor once).
 */
@BenchmarkMode({Mode.AverageTime, Mode.SingleShotTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LibraryWriterBenchmark {
    @Param({"bench", "hundred"})
    String provider;

    @Param({"LINUX_X86_64", "LINUX_AARCH64"})
    Platform platform;

    private ProviderLibrary library;

    @Setup
    public void model() {
        library = switch (provider) {
            case "bench" -> ProviderLibrary.of("bench", BenchProbes.class.getName() + "Usdt", List.of(
                    new ProviderLibrary.Probe("noargs", List.of()),
                    new ProviderLibrary.Probe("longs3", Collections.nCopies(3, TracerType.INT64)),
                    new ProviderLibrary.Probe("string", List.of(TracerType.STRING)),
                    new ProviderLibrary.Probe("args12", Collections.nCopies(12, TracerType.INT64)),
                    new ProviderLibrary.Probe("start_loop", List.of(TracerType.INT64)),
                    new ProviderLibrary.Probe("end_loop", List.of(TracerType.INT64))), description(6));
            case "hundred" -> {
                List<ProviderLibrary.Probe> probes = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    probes.add(new ProviderLibrary.Probe("probe_" + i, List.of(TracerType.INT64, TracerType.STRING,
                            TracerType.INT32, TracerType.BOOL)));
                }
                yield ProviderLibrary.of("hundred", "com.example.HundredProbesUsdt", probes, description(100));
            }
            default -> throw new IllegalArgumentException(provider);
        };
    }

    @Benchmark
    public byte[] write() {
        return LibraryWriter.write(library, platform);
    }

    /** About the size of a real description of {@code probes} probes. */
    private static byte[] description(int probes) {
        return "{\"probe\": \"...\"}\n".repeat(probes * 12).getBytes(StandardCharsets.UTF_8);
    }
}
