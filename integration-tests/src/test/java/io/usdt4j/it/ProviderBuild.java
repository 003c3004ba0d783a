package io.usdt4j.it;

import io.usdt4j.maven.NativeCompiler;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.internal.ProviderBinding;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code usdt4j_it} provider as this module's build made it, and the same provider rebuilt
 * over another probe header, each with the class path a child JVM needs to run it.
 */
record ProviderBuild(String backend, Path library, List<Path> classPath) {
    static final String PROVIDER = "usdt4j_it";
    static final Path CLASSES = Path.of("target", "classes").toAbsolutePath();
    static final String USDT_H_VARIABLE = "USDT4J_TEST_USDT_H";

    /** Built by usdt4j-maven-plugin during this module's build, over sys/sdt.h on this machine. */
    static ProviderBuild fromMavenBuild() {
        Path library = CLASSES.resolve(ResourceLayout.library(PlatformId.host(), PROVIDER));
        return new ProviderBuild("as built by Maven", library, List.of(CLASSES, runtimeClasses()));
    }

    /**
     * Recompiles the generated C over libbpf's usdt.h (from {@value #USDT_H_VARIABLE}) into
     * {@code directory}, which goes first on the class path so the runtime loads that library.
     */
    static ProviderBuild overUsdtH(Path usdtHeader, Path directory) throws Exception {
        Path source = CLASSES.resolve("META-INF/usdt4j/src/" + PROVIDER + ".c");
        Path library = directory.resolve(ResourceLayout.library(PlatformId.host(), PROVIDER));
        NativeCompiler compiler = new NativeCompiler("cc", Path.of(System.getProperty("java.home")),
                usdtHeader, directory.resolve("work"), List.of());
        String warnings = compiler.compile(source, library, compiler.resolveBackend(), PlatformId.host());
        if (!warnings.isBlank()) {
            throw new AssertionError("compiling over usdt.h warned:\n" + warnings);
        }
        return new ProviderBuild("usdt.h", library, List.of(directory, CLASSES, runtimeClasses()));
    }

    String classPathString() {
        List<String> entries = new ArrayList<>();
        classPath.forEach(p -> entries.add(p.toString()));
        return String.join(File.pathSeparator, entries);
    }

    /** A command that runs {@code mainClass} in a new JVM like this one, extracting into {@code usdt4jDir}. */
    List<String> javaCommand(Path usdt4jDir, String mainClass) {
        return javaCommand(usdt4jDir, List.of(), mainClass);
    }

    /** The same, with {@code options} for that JVM. */
    List<String> javaCommand(Path usdt4jDir, List<String> options, String mainClass) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Dusdt4j.dir=" + usdt4jDir));
        command.addAll(options);
        command.addAll(List.of("-cp", classPathString(), mainClass));
        return command;
    }

    /** The runtime as this reactor built it: its jar or its classes directory, a module either way. */
    static Path runtimeClasses() {
        try {
            return Path.of(ProviderBinding.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean exists() {
        return Files.isRegularFile(library);
    }

    @Override
    public String toString() {
        return backend;
    }
}
