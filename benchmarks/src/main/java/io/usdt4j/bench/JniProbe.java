// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * JNI natives (src/main/c/jniprobe.c) that fire probes with no usdt4j code in between. What a
 * naive binding does: {@link #longs3}, called on every probe, fires {@code jniprobe:longs3}
 * whether or not a tracer is attached. The controls of {@link TracedControlBenchmark}: the others.
 */
final class JniProbe {
    static {
        try (InputStream library = JniProbe.class.getResourceAsStream("libjniprobe.so")) {
            if (library == null) {
                throw new IllegalStateException("libjniprobe.so is not on the class path: build with ./mvnw package");
            }
            Path file = Files.createTempFile("usdt4j-bench-jniprobe", ".so");
            file.toFile().deleteOnExit();
            Files.copy(library, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JniProbe() {}

    static native void longs3(long a, long b, long c);

    /** Fire jniprobe:control on a one-byte-nop site, once; and {@code fires} times in a C loop. */
    static native void control1(long a, long b, long c);

    static native void controlLoop1(long fires);

    /** The same on a five-byte-nop site: x86-64 only. */
    static native void control5(long a, long b, long c);

    static native void controlLoop5(long fires);
}
