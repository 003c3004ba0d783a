package io.usdt4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What a naive binding does: a JNI native (src/main/c/jniprobe.c) called on every probe, which
 * fires probe {@code jniprobe:longs3} whether or not a tracer is attached.
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
}
