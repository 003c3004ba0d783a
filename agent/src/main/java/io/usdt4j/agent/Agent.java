// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.security.CodeSource;
import java.util.jar.JarFile;

/**
 * The agent's entry points: {@code -javaagent:usdt4j-agent.jar=SELECTOR} calls {@link #premain},
 * the {@code usdt4j} command's attach {@link #agentmain}. The first call of either appends this jar
 * to the bootstrap class loader's search path, where instrumented classes of any class loader find
 * the relocated runtime they call ({@code io.usdt4j.agent.boot}), and starts the agent's core in a
 * class loader of its own ({@link AgentLoader}), which nothing of the application sees.
 *
 * <p>Nothing here throws: a failure is one warning on the standard error, and the application runs
 * on untouched.
 */
public final class Agent {
    private static final String CORE = "io.usdt4j.agent.core.AgentCore";
    /** What every line the agent prints to the application's standard error starts with. */
    static final String PREFIX = "usdt4j-agent: ";

    /** {@code AgentCore.handle(Instrumentation, String, boolean)}, once started. */
    private static Method handle;
    private static Throwable failedToStart;

    private Agent() {}

    public static void premain(String options, Instrumentation instrumentation) {
        run(options, instrumentation, true);
    }

    public static void agentmain(String options, Instrumentation instrumentation) {
        run(options, instrumentation, false);
    }

    private static synchronized void run(String options, Instrumentation instrumentation, boolean atStart) {
        try {
            Method core = core(instrumentation);
            if (core != null) {
                core.invoke(null, instrumentation, options == null ? "" : options, atStart);
            }
        } catch (InvocationTargetException e) {
            warn("failed: " + e.getCause(), e.getCause());
        } catch (Throwable e) {
            warn("failed: " + e, e);
        }
    }

    /** The core's entry, started by the first call; null when it could not start (warned once). */
    private static Method core(Instrumentation instrumentation) throws Exception {
        if (handle != null || failedToStart != null) {
            return handle;
        }
        try {
            // Linked before the jar joins the bootstrap search path, which would otherwise define it there.
            Class.forName(AgentLoader.class.getName());
            File jar = jar();
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar, false));
            ClassLoader loader = new AgentLoader(jar);
            handle = Class.forName(CORE, true, loader).getMethod("handle", Instrumentation.class, String.class, boolean.class);
            return handle;
        } catch (Exception | LinkageError e) {
            failedToStart = e;
            throw e;
        }
    }

    /** This jar's file. */
    private static File jar() throws URISyntaxException {
        CodeSource source = Agent.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            throw new IllegalStateException("the agent was not loaded from a jar file");
        }
        File jar = new File(source.getLocation().toURI());
        if (!jar.isFile()) {
            throw new IllegalStateException(jar + " is not the agent's jar file");
        }
        return jar;
    }

    private static void warn(String message, Throwable cause) {
        StringBuilder line = new StringBuilder(PREFIX).append(message).append("; the application runs untraced");
        for (Throwable c = cause == null ? null : cause.getCause(); c != null && line.length() < 1000; c = c.getCause()) {
            line.append("; caused by ").append(c);
        }
        System.err.println(line.toString().replace('\n', ' '));
    }
}
