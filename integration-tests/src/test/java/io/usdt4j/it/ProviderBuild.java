// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.Usdt;
import io.usdt4j.maven.NativeCompiler;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.testsupport.Directories;
import io.usdt4j.testsupport.Driver;
import io.usdt4j.testsupport.Processes;
import java.io.IOException;
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

    /** Built by usdt4j-maven-plugin during this module's build, over sys/sdt.h on this machine. */
    static ProviderBuild fromMavenBuild() {
        Path library = CLASSES.resolve(ResourceLayout.library(PlatformId.host(), PROVIDER));
        return new ProviderBuild("as built by Maven", library, classPath(CLASSES));
    }

    /**
     * A copy of this module's class output in {@code directory}, its library replaceable: the
     * runtime loads a provider's library from where its generated class was loaded.
     */
    static ProviderBuild copyOfMavenBuild(Path directory) throws IOException {
        Directories.copy(CLASSES, directory);
        Path library = directory.resolve(ResourceLayout.library(PlatformId.host(), PROVIDER));
        return new ProviderBuild("a copy of Maven's build", library, classPath(directory));
    }

    /**
     * Recompiles the generated C over libbpf's usdt.h into a copy of the class output in
     * {@code directory}, in place of the library Maven built (and without its digest, which
     * names that one).
     */
    static ProviderBuild overUsdtH(Path usdtHeader, Path directory) throws Exception {
        Path source = CLASSES.resolve("META-INF/usdt4j/src/" + PROVIDER + ".c");
        ProviderBuild copy = copyOfMavenBuild(directory.resolve("classes"));
        Path library = copy.library();
        Files.delete(library);
        Files.delete(directory.resolve("classes").resolve(ResourceLayout.libraryDigest(PlatformId.host(), PROVIDER)));
        NativeCompiler compiler = new NativeCompiler("cc", Path.of(System.getProperty("java.home")),
                usdtHeader, directory.resolve("work"), List.of());
        String warnings = compiler.compile(source, library, compiler.resolveHeader());
        if (!warnings.isBlank()) {
            throw new AssertionError("compiling over usdt.h warned:\n" + warnings);
        }
        return new ProviderBuild("usdt.h", library, copy.classPath());
    }

    /** {@code first}, then the runtime and the Driver the apps run on. */
    private static List<Path> classPath(Path... first) {
        List<Path> entries = new ArrayList<>(List.of(first));
        entries.add(Processes.classPathEntry(Usdt.class));
        entries.add(Processes.classPathEntry(Driver.class));
        return List.copyOf(entries);
    }

    /** A command that runs {@code mainClass} in a new JVM like this one, extracting into {@code usdt4jDir}. */
    List<String> javaCommand(Path usdt4jDir, String mainClass) {
        return javaCommand(usdt4jDir, List.of(), mainClass);
    }

    /** The same, with {@code options} for that JVM and {@code arguments} for {@code mainClass}. */
    List<String> javaCommand(Path usdt4jDir, List<String> options, String mainClass, String... arguments) {
        List<String> jvmOptions = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED", "-Dusdt4j.dir=" + usdt4jDir));
        jvmOptions.addAll(options);
        return Processes.javaCommand(jvmOptions, classPath, mainClass, List.of(arguments));
    }

    /** The runtime as this reactor built it: its jar or its classes directory, a module either way. */
    static Path runtimeClasses() {
        return Processes.classPathEntry(Usdt.class);
    }

    boolean exists() {
        return Files.isRegularFile(library);
    }

    @Override
    public String toString() {
        return backend;
    }
}
