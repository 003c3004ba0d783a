package io.usdt4j.it;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Two web applications in one server, in miniature: two isolated class loaders (parent: the
 * platform loader) each load usdt4j and {@link OpsProbes} from this JVM's class path, and each
 * gets its own provider. Driven over stdin like {@link OpsApp}; loader {@code i} fires
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
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command; (command = commands.readLine()) != null; ) {
            switch (command) {
                case "await-enabled":
                    for (int i = 0; i < 2; i++) {
                        Method enabled = interfaces.get(i).getMethod("isTickEnabled");
                        while (!(Boolean) enabled.invoke(providers.get(i))) {
                            Thread.sleep(10);
                        }
                    }
                    System.out.println("enabled");
                    break;
                case "fire":
                    for (int i = 0; i < 2; i++) {
                        long thread = 100 + i;
                        interfaces.get(i).getMethod("tick", long.class, long.class, long.class)
                                .invoke(providers.get(i), thread, 1L, OpsApp.checksum(thread, 1));
                    }
                    System.out.println("fired");
                    break;
                case "exit":
                    return;
                default:
                    System.out.println("unknown command " + command);
            }
        }
    }
}
