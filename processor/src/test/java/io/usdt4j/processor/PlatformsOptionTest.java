// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.usdt4j.processor.ProcessorTesting.assertOneErrorAt;
import static io.usdt4j.processor.ProcessorTesting.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code -Ausdt4j.platforms}: which libraries the processor writes, and the error on a wrong value. */
class PlatformsOptionTest {
    private static final JavaFileObject PROBES = source("com.example.Probes", """
            package com.example;
            import io.usdt4j.UsdtProvider;
            @UsdtProvider("probes")
            public interface Probes {
                void fired(long id);
            }
            """);

    private static Compilation compile(String... options) {
        return javac().withProcessors(new UsdtProcessor()).withOptions((Object[]) options).compile(PROBES);
    }

    /** The libraries and digests in the class output. */
    private static List<String> libraries(Compilation compilation) {
        String prefix = "/" + StandardLocation.CLASS_OUTPUT.getName() + "/";
        return compilation.generatedFiles().stream().map(file -> file.toUri().getPath())
                .filter(path -> path.startsWith(prefix + ResourceLayout.NATIVE_DIRECTORY))
                .map(path -> path.substring(prefix.length())).sorted().toList();
    }

    private static List<String> librariesOf(Platform... platforms) {
        return java.util.Arrays.stream(platforms).flatMap(p -> ResourceLayout.nativeFiles(PlatformId.of(p), "probes").stream())
                .sorted().toList();
    }

    @Test
    void linuxX86_64AndAarch64ByDefault() {
        Compilation compilation = compile();
        assertThat(compilation).succeededWithoutWarnings();
        assertEquals(librariesOf(Platform.LINUX_X86_64, Platform.LINUX_AARCH64), libraries(compilation));
        assertEquals(List.of(Platform.LINUX_X86_64, Platform.LINUX_AARCH64), Platform.defaults());
    }

    @Test
    void everyPlatformOfTheTableWithAll() {
        assertEquals(librariesOf(Platform.values()), libraries(compile("-Ausdt4j.platforms=all")));
    }

    @Test
    void theNamedPlatformsOnly() {
        Compilation compilation = compile("-Ausdt4j.platforms=linux-aarch64");
        assertThat(compilation).succeededWithoutWarnings();
        assertEquals(librariesOf(Platform.LINUX_AARCH64), libraries(compilation));
        assertEquals(librariesOf(Platform.values()), libraries(compile("-Ausdt4j.platforms=linux-aarch64, all")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux-riscv64", "darwin-aarch64", "x86_64", "", ","})
    void aWrongValueIsAnErrorOnEachProvider(String value) {
        Compilation compilation = compile("-Ausdt4j.platforms=" + value);
        assertOneErrorAt(compilation, PROBES, "interface Probes", "[usdt4j:invalid-platforms] Processor option -Ausdt4j.platforms="
                + value + " is wrong: ");
        String message = compilation.errors().get(0).getMessage(null);
        assertTrue(message.endsWith("so usdt4j writes no library for com.example.Probes. Name platforms of "
                + Platform.describeAll() + ", separated by commas, or all (every one; without the option, linux-x86_64 and linux-aarch64)"), message);
    }
}
