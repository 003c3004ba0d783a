// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.testsupport.Driver;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Two web applications in one server, in miniature: two isolated class loaders (parent: the
 * platform loader) each load usdt4j and {@link OpsProbes} from this JVM's class path, and each
 * gets its own provider. Driven over stdin ({@link Driver}) like {@link OpsApp}; loader {@code i} fires
 * {@code tick(100 + i, 1, checksum)}.
 */
public final class TwoLoadersApp {
    public static void main(String[] args) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        List<Object> providers = new ArrayList<>();
        List<Class<?>> interfaces = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ClassLoader loader = new URLClassLoader("webapp" + i, urls.toArray(URL[]::new),
                    ClassLoader.getPlatformClassLoader());
            Class<?> usdt = loader.loadClass("io.usdt4j.Usdt");
            Class<?> probes = loader.loadClass(OpsProbes.class.getName());
            if (probes == OpsProbes.class) {
                throw new AssertionError("not isolated: " + probes.getClassLoader());
            }
            providers.add(usdt.getMethod("provider", Class.class).invoke(null, probes));
            interfaces.add(probes);
            Optional<?> library = (Optional<?>) usdt.getMethod("libraryPath", Class.class).invoke(null, probes);
            Optional<?> reason = (Optional<?>) usdt.getMethod("unavailableReason", Class.class).invoke(null, probes);
            System.out.println("loader " + i + " " + library.map(Object::toString).orElse("unavailable")
                    + " reason=" + reason.map(Object::toString).orElse(""));
        }
        new Driver()
                .on("await-enabled", Driver.awaiting(() -> {
                    for (int i = 0; i < 2; i++) {
                        if (!(Boolean) call(interfaces.get(i), "isTickEnabled", providers.get(i))) {
                            return false;
                        }
                    }
                    return true;
                }))
                .on("fire", Driver.firing(() -> {
                    for (int i = 0; i < 2; i++) {
                        long thread = 100 + i;
                        call(interfaces.get(i), "tick", providers.get(i), thread, 1L, OpsApp.checksum(thread, 1));
                    }
                }))
                .run();
    }

    /** Calls the method {@code name} of {@code probes} (all its parameters are long) on {@code provider}. */
    private static Object call(Class<?> probes, String name, Object provider, Object... longs) {
        Class<?>[] parameters = new Class<?>[longs.length];
        java.util.Arrays.fill(parameters, long.class);
        try {
            return probes.getMethod(name, parameters).invoke(provider, longs);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
