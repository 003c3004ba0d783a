// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.ResourceLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.logging.Log;

/**
 * Builds libraries by compiling the processor's C source with the platform's C compiler, over
 * the probe header {@link NativeCompiler#resolveHeader()} found. The compiler's warnings go to the
 * log.
 */
final class CompilerBackend implements LibraryBackend {
    private final NativeCompiler compiler;
    private final NativeCompiler.ProbeHeader header;
    private final Log log;

    private CompilerBackend(NativeCompiler compiler, NativeCompiler.ProbeHeader header, Log log) {
        this.compiler = compiler;
        this.header = header;
        this.log = log;
    }

    /**
     * The backend of {@code compiler}'s platform, with the probe header it finds.
     *
     * @throws NativeCompiler.MissingToolException when the compiler cannot be run, or finds no
     *     probe header, or there is no jni.h
     */
    static CompilerBackend resolve(NativeCompiler compiler, Log log) throws NativeCompiler.CompileException, IOException {
        compiler.requireJni();
        return new CompilerBackend(compiler, compiler.resolveHeader(), log);
    }

    @Override
    public String description() {
        return "compiled by " + compiler.compiler() + " over " + header.description();
    }

    @Override
    public Path build(Platform platform, ProviderFiles provider) throws NativeCompiler.CompileException, IOException {
        if (platform != compiler.platform()) {
            throw new IllegalArgumentException(compiler.compiler() + " builds for " + compiler.platform().id() + ", not " + platform.id());
        }
        Path source = provider.cSource();
        if (!Files.isRegularFile(source)) {
            throw new NativeCompiler.CompileException("provider '" + provider.provider() + "' has a description, "
                    + ResourceLayout.description(provider.provider()) + ", but no C source "
                    + ResourceLayout.cSource(provider.provider()) + " in " + provider.classes() + ": rebuild with mvn clean");
        }
        Path library = provider.library(platform);
        String warnings = compiler.compile(source, library, header);
        if (!warnings.isBlank()) {
            log.warn("usdt4j: " + compiler.compiler() + " warned about " + source + ":\n" + warnings.strip());
        }
        return library;
    }
}
