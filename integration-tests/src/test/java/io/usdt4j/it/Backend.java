// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.maven.NativeCompiler;
import io.usdt4j.maven.Toolchain;
import io.usdt4j.testsupport.Host;
import io.usdt4j.writer.FireNative;
import io.usdt4j.writer.LibraryWriter;
import io.usdt4j.writer.ProviderLibrary;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What builds a provider's native library, the dimension every test that loads, fires or traces
 * probes runs along: the C compiler over the generated C source (as usdt4j-maven-plugin builds it
 * on Linux), or usdt4j-writer from the probe description (as it is built anywhere else). Both
 * libraries bind the same natives of the same generated class; every test asserts the same of each.
 *
 * <p>This is the one place that builds a library of either backend into a class output
 * ({@link #buildLibrary}); {@link ProviderBuild#of} gives each backend's build of this module's
 * providers, made once per test JVM.
 */
enum Backend {
    /** gcc (or a platform's cross gcc) over {@code <sys/sdt.h>}: this module's own build made these libraries. */
    C("C-built", Platform.Backend.C),
    /** {@link LibraryWriter}, from the description the processor wrote. */
    JAVA("Java-written", Platform.Backend.JAVA);

    private final String displayName;
    private final Platform.Backend backend;

    Backend(String displayName, Platform.Backend backend) {
        this.displayName = displayName;
        this.backend = backend;
    }

    /** Whether this backend builds {@code platform}'s libraries, as the platform table says. */
    boolean builds(Platform platform) {
        return platform.isBuiltBy(backend);
    }

    /**
     * Builds {@code provider}'s library for {@code platform} into the class output {@code classes},
     * from what the processor wrote there, and its digest beside it, as a build does.
     *
     * @param work scratch space of the C compiler
     * @return false when this backend does not build {@code platform}'s libraries, or its compiler is not installed
     */
    boolean buildLibrary(Path classes, String provider, Platform platform, Path work) throws Exception {
        if (!builds(platform)) {
            return false;
        }
        Path library = classes.resolve(ResourceLayout.library(PlatformId.of(platform), provider));
        Files.createDirectories(library.getParent());
        switch (this) {
            case C -> {
                Toolchain toolchain = Toolchain.of(platform, PlatformId.host(), "cc", Map.of());
                if (!Host.onPath(toolchain.compiler())) {
                    return false;
                }
                NativeCompiler compiler = new NativeCompiler(toolchain, Path.of(System.getProperty("java.home")), null,
                        work.resolve(platform.id()), List.of(), Duration.ofMinutes(2));
                String warnings = compiler.compile(classes.resolve(ResourceLayout.cSource(provider)), library,
                        compiler.resolveHeader());
                if (!warnings.isBlank()) {
                    throw new AssertionError(toolchain.compiler() + " warned on " + provider + ":\n" + warnings);
                }
            }
            case JAVA -> Files.write(library, LibraryWriter.write(ProviderLibrary.ofDescription(
                    Files.readAllBytes(classes.resolve(ResourceLayout.description(provider)))), platform));
        }
        writeDigest(library, classes.resolve(ResourceLayout.libraryDigest(PlatformId.of(platform), provider)));
        return true;
    }

    /** The digest a build writes beside a library ({@link ResourceLayout#libraryDigest}), which the runtime names its copy by. */
    private static void writeDigest(Path library, Path digest) throws Exception {
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(library));
        Files.writeString(digest, HexFormat.of().formatHex(sha256) + "\n", StandardCharsets.US_ASCII);
    }

    /** This module's providers with the libraries of this backend, as a child JVM runs them. */
    ProviderBuild build() throws IOException {
        return ProviderBuild.of(this);
    }

    @Override
    public String toString() {
        return displayName;
    }

    /**
     * A test that runs once with each backend's build, its first parameter the {@link Backend}: the
     * same assertions for the C-built and the Java-written library.
     */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.usdt4j.it.Backend#each")
    @interface Each {}

    /**
     * Every backend whose library binds this module's generated classes. A Java-written library
     * registers each {@code fire$<probe>} native with {@link FireNative}'s parameters, a string as
     * the address of its UTF-8 ({@code J}); until the generated classes declare their natives so
     * (strings reach the natives as native memory, in both backends), it binds none of this
     * module's providers, each of which has a string argument, and only {@link #C} runs.
     */
    static Stream<Backend> each() {
        return JAVA_BINDS ? Stream.of(values()) : Stream.of(C);
    }

    /** Whether every generated class of this module declares each fire native as {@link FireNative} describes it. */
    private static final boolean JAVA_BINDS = generatedClassesDeclareTheWritersNatives();

    private static boolean generatedClassesDeclareTheWritersNatives() {
        List<String> mismatches = new ArrayList<>();
        try (Stream<Path> files = Files.list(ProviderBuild.CLASSES.resolve(ResourceLayout.ROOT))) {
            for (Path description : files.filter(file -> file.toString().endsWith(ResourceLayout.DESCRIPTION_SUFFIX)).toList()) {
                ProviderLibrary library = ProviderLibrary.ofDescription(Files.readAllBytes(description));
                Class<?> generated = Class.forName(library.classJniName().replace('/', '.'), false, Backend.class.getClassLoader());
                for (ProviderLibrary.Probe probe : library.probes()) {
                    String declared = Arrays.stream(generated.getDeclaredMethods())
                            .filter(method -> method.getName().equals(probe.nativeName()) && Modifier.isNative(method.getModifiers()))
                            .map(method -> MethodType.methodType(method.getReturnType(), method.getParameterTypes()).descriptorString())
                            .findFirst().orElse("nothing");
                    if (!declared.equals(probe.nativeDescriptor())) {
                        mismatches.add(library.provider() + ":" + probe.name() + " declares " + declared + ", the writer binds "
                                + probe.nativeDescriptor());
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("reading this module's descriptions and generated classes", e);
        }
        if (!mismatches.isEmpty()) {
            System.out.println("NOTE: the Java-written backend is not tested: this module's generated classes do not declare"
                    + " the natives a Java-written library registers (" + String.join("; ", mismatches) + ")");
        }
        return mismatches.isEmpty();
    }
}
