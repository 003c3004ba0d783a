// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import io.usdt4j.contract.NativeBuild;
import io.usdt4j.contract.Platform;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.writer.LibraryWriter;
import io.usdt4j.writer.ProviderLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * One provider's library built both ways, in turns, as whole processes: gcc (the platform's
 * compiler, {@code x86_64-linux-gnu-gcc} or a cross compiler, with usdt4j's command line,
 * {@link NativeBuild#command}) over the C the processor generated, and usdt4j-writer in a new JVM
 * writing it from the description. Prints, per round and platform, one line:
 * <pre>writer round=1 platform=linux-x86_64 provider=bench gcc_ms=… first_write_ms=… write_jvm_ms=… gcc_bytes=… java_bytes=…</pre>
 * {@code first_write_ms} is the write alone, timed inside the new JVM (its classes loaded and run
 * for the first time, as in a javac that runs the processor once); {@code write_jvm_ms} the whole
 * JVM, start-up included. The time of a write in a warm JVM is {@link LibraryWriterBenchmark}'s.
 *
 * <p>{@code java -cp benchmarks.jar io.usdt4j.bench.LibraryBuildTimes ROUNDS PROVIDER BENCHMARKS_JAR}: the C
 * source and description come from the jar ({@link ResourceLayout#cSource}, {@link ResourceLayout#description}),
 * usdt4j.h from the class path ({@link NativeBuild#HEADER_RESOURCE}), systemtap's sys/sdt.h from the host. A platform
 * whose compiler is not installed is left out, with a line saying so.
 */
public final class LibraryBuildTimes {
    /** The argument that makes a run the new JVM that writes once. */
    private static final String WRITE_ONCE = "--write-once";

    private LibraryBuildTimes() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals(WRITE_ONCE)) {
            writeOnce(Platform.parse(args[1]), args[2]);
            return;
        }
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: LibraryBuildTimes ROUNDS PROVIDER BENCHMARKS_JAR");
        }
        int rounds = Integer.parseInt(args[0]);
        String provider = args[1];
        Path jar = Path.of(args[2]);
        Path work = Files.createTempDirectory("usdt4j-build-times-");
        Path include = Files.createDirectories(work.resolve("include"));
        try (InputStream header = LibraryBuildTimes.class.getResourceAsStream(NativeBuild.HEADER_RESOURCE)) {
            if (header == null) {
                throw new IOException(NativeBuild.HEADER_RESOURCE + " is not on the class path (usdt4j-native-template)");
            }
            Files.copy(header, include.resolve(NativeBuild.HEADER));
        }
        Path source = work.resolve(provider + ".c");
        Path description = work.resolve(provider + ResourceLayout.DESCRIPTION_SUFFIX);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Files.write(source, read(zip, ResourceLayout.cSource(provider)));
            Files.write(description, read(zip, ResourceLayout.description(provider)));
        }
        List<Platform> platforms = new ArrayList<>();
        for (Platform platform : Platform.defaults()) {
            if (onPath(platform.crossCompiler())) {
                platforms.add(platform);
            } else {
                System.out.println("writer platform=" + platform.id() + " left out: no " + platform.crossCompiler());
            }
        }
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path sdt = sdtCopies(work);
        for (int round = 1; round <= rounds; round++) {
            for (Platform platform : platforms) {
                Path compiled = work.resolve(platform.id() + ".so");
                List<String> flags = List.of(NativeBuild.descriptionFlag(description), "-I" + sdt);
                long gccNanos = run(NativeBuild.command(platform.crossCompiler(), platform, NativeBuild.Output.SHARED_LIBRARY,
                        javaHome, include, flags, compiled, source), null);
                List<String> writer = List.of(javaHome.resolve("bin/java").toString(), "-cp", jar.toString(),
                        LibraryBuildTimes.class.getName(), WRITE_ONCE, platform.id(), provider);
                StringBuilder output = new StringBuilder();
                long jvmNanos = run(writer, output);
                String[] written = output.toString().strip().split(" ");
                System.out.printf(Locale.ROOT, "writer round=%d platform=%s provider=%s gcc_ms=%.2f first_write_ms=%s"
                                + " write_jvm_ms=%.2f gcc_bytes=%d java_bytes=%s%n",
                        round, platform.id(), provider, gccNanos / 1e6, written[0], jvmNanos / 1e6, Files.size(compiled),
                        written[1]);
            }
        }
    }

    /** In the new JVM: the provider's model from its description, then one write, timed alone; prints "ms bytes". */
    private static void writeOnce(Platform platform, String provider) throws Exception {
        byte[] description;
        try (InputStream in = LibraryBuildTimes.class.getResourceAsStream("/" + ResourceLayout.description(provider))) {
            if (in == null) {
                throw new IllegalArgumentException("no description of provider " + provider + " on the class path");
            }
            description = in.readAllBytes();
        }
        ProviderLibrary library = ProviderLibrary.ofDescription(description);
        long start = System.nanoTime();
        byte[] bytes = LibraryWriter.write(library, platform);
        long nanos = System.nanoTime() - start;
        System.out.printf(Locale.ROOT, "%.2f %d%n", nanos / 1e6, bytes.length);
    }

    /**
     * systemtap's sys/sdt.h (and sdt-config.h) copied from the host's include directory, so that a
     * cross compiler, whose own include path has none, finds it, as the Maven plugin gives it.
     */
    private static Path sdtCopies(Path work) throws IOException {
        Path hostSdt = NativeBuild.hostSdtHeader();
        if (hostSdt == null) {
            throw new IOException("no " + NativeBuild.SDT_HEADER + " on this host (apt-get install systemtap-sdt-dev)");
        }
        return NativeBuild.copySdtHeaders(hostSdt, work.resolve("sdt"));
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code command} to its end; its wall time in nanoseconds. Its output goes to {@code output}, or is dropped. */
    private static long run(List<String> command, StringBuilder output) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] printed = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + new String(printed, StandardCharsets.UTF_8));
        }
        long nanos = System.nanoTime() - start;
        if (output != null) {
            output.append(new String(printed, StandardCharsets.UTF_8));
        }
        return nanos;
    }

    private static byte[] read(ZipFile zip, String name) throws IOException {
        var entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException(name + " is not in " + zip.getName());
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
