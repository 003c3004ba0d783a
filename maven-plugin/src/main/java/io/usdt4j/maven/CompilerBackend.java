// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import io.usdt4j.contract.Platform;
import java.io.IOException;
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
     * @throws NativeCompiler.MissingCompilerException when the compiler cannot be run
     * @throws NativeCompiler.CompileException when it finds no probe header
     */
    static CompilerBackend resolve(NativeCompiler compiler, Log log) throws NativeCompiler.CompileException, IOException {
        return new CompilerBackend(compiler, compiler.resolveHeader(), log);
    }

    @Override
    public String description() {
        return compiler.compiler() + ", probe header " + header.description();
    }

    @Override
    public Path build(Platform platform, ProviderFiles provider) throws NativeCompiler.CompileException, IOException {
        if (platform != compiler.platform()) {
            throw new IllegalArgumentException(compiler.compiler() + " builds for " + compiler.platform().id() + ", not " + platform.id());
        }
        Path source = provider.cSource();
        Path library = provider.library(platform);
        String warnings = compiler.compile(source, library, header);
        if (!warnings.isBlank()) {
            log.warn("usdt4j: " + compiler.compiler() + " warned about " + source + ":\n" + warnings.strip());
        }
        return library;
    }
}
