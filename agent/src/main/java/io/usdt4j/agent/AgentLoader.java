// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The class loader of the agent's core and of the libraries it bundles (ASM, the library writer,
 * the probe description), which the agent's jar holds under {@link #NESTED}, where no other class
 * loader looks: the application never sees them, whatever it has of its own. Its parent is the
 * platform class loader, so the core finds the JDK, and through the bootstrap search path the
 * agent's relocated runtime and {@code io.usdt4j.agent.control}, and nothing of the application.
 */
final class AgentLoader extends ClassLoader {
    /** Where the jar holds what this loader defines; the agent's pom lays the jar out so ({@code usdt4j.agent.nested}). */
    static final String NESTED = "META-INF/usdt4j-agent/classes/";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final ProtectionDomain domain;

    AgentLoader(File jar) throws IOException {
        super("usdt4j-agent", ClassLoader.getPlatformClassLoader());
        this.jar = new JarFile(jar, false);
        this.domain = new ProtectionDomain(new CodeSource(jar.toURI().toURL(), (Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        ZipEntry entry = jar.getEntry(NESTED + name.replace('.', '/') + ".class");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, new UncheckedIOException(e));
        }
        return defineClass(name, bytes, 0, bytes.length, domain);
    }
}
