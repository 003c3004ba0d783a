// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.core;

import io.usdt4j.agent.control.AgentCommand;
import io.usdt4j.agent.control.AgentReply;
import io.usdt4j.agent.control.MethodSelector;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's core, one per JVM, started by the first {@code premain} or {@code agentmain}
 * ({@code io.usdt4j.agent.Agent}) in the agent's own class loader: it registers the
 * {@link Instrumenter} and carries out what each call asks. A {@code -javaagent} option is a
 * {@link MethodSelector} whose methods stay instrumented while the JVM runs; the {@code usdt4j}
 * command sends {@link AgentCommand}s and reads the {@link AgentReply} back.
 */
public final class AgentCore {
    /** What every line the agent prints to the application's standard error starts with. */
    static final String PREFIX = "usdt4j-agent: ";
    private static final String PERMANENT = "javaagent";
    private static AgentCore core;

    private final Instrumentation instrumentation;
    private final Instrumenter instrumenter;

    private AgentCore(Instrumentation instrumentation) throws Throwable {
        if (!instrumentation.isRetransformClassesSupported()) {
            throw new IllegalStateException("this JVM cannot retransform classes");
        }
        this.instrumentation = instrumentation;
        this.instrumenter = new Instrumenter(instrumentation, new Libraries(), notice -> System.err.println(PREFIX + notice));
        instrumentation.addTransformer(instrumenter, true);
    }

    /**
     * Carries out {@code options}: a command of the {@code usdt4j} command, or a selector.
     *
     * @param atStart whether the JVM is starting ({@code premain})
     */
    public static synchronized void handle(Instrumentation instrumentation, String options, boolean atStart) throws Throwable {
        if (!AgentCommand.isCommand(options)) {
            select(instrumentation, options);
            return;
        }
        AgentCommand command;
        try {
            command = AgentCommand.decode(options);
        } catch (IllegalArgumentException e) {
            replyToAnyVersion(options, AgentReply.failed(e.getMessage()));
            return;
        }
        AgentReply reply;
        try {
            AgentCore agent = core(instrumentation);
            reply = switch (command.op()) {
                case INSTRUMENT -> agent.instrument(command.session(), command.selector());
                case RESTORE -> agent.restore(command.session());
            };
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError error && !(e instanceof OutOfMemoryError)) {
                throw error;
            }
            reply = AgentReply.failed("the agent failed: " + e);
        }
        reply(Path.of(command.replyFile()), reply);
    }

    private static AgentCore core(Instrumentation instrumentation) throws Throwable {
        if (core == null) {
            core = new AgentCore(instrumentation);
        }
        return core;
    }

    /** A -javaagent option: the selector's methods, for as long as the JVM runs. */
    private static void select(Instrumentation instrumentation, String options) throws Throwable {
        MethodSelector selector;
        try {
            selector = MethodSelector.parse(options);
        } catch (IllegalArgumentException e) {
            System.err.println(PREFIX + "-javaagent:usdt4j-agent.jar=" + e.getMessage() + "; the application runs untraced");
            return;
        }
        AgentCore agent = core(instrumentation);
        Session session = new Session(PERMANENT + agent.sessionCount(), selector, true);
        agent.instrumenter.add(session);
        agent.retransform(session, agent.loaded(session));
    }

    private int permanentSessions;

    private int sessionCount() {
        return permanentSessions++;
    }

    private AgentReply instrument(String id, MethodSelector selector) {
        Session session = new Session(id, selector, false);
        instrumenter.add(session);
        List<Class<?>> classes = loaded(session);
        instrumenter.prepare(session, classes);
        retransform(session, classes);
        if (session.methodCount() == 0) {
            instrumenter.remove(session);
            return new AgentReply(Optional.of("selector " + selector + " matches no method the agent can instrument among the "
                    + "classes loaded now"), 0, 0, session.notices());
        }
        return new AgentReply(Optional.empty(), session.methodCount(), session.classes().size(), session.notices());
    }

    private AgentReply restore(String id) {
        Session session = instrumenter.session(id);
        if (session == null) {
            return new AgentReply(Optional.empty(), 0, 0, List.of());
        }
        instrumenter.remove(session);
        Set<String> names = session.classes();
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (names.contains(type.getName()) && instrumentation.isModifiableClass(type) && !instrumenter.isOwn(type.getClassLoader())) {
                classes.add(type);
            }
        }
        List<String> notices = new ArrayList<>();
        retransform(classes, (type, e) -> notices.add(type.getName() + " could not be restored: " + e));
        return new AgentReply(Optional.empty(), session.methodCount(), names.size(), notices);
    }

    /** The loaded classes {@code session} selects a method of; a notice for each of the JDK's. */
    private List<Class<?>> loaded(Session session) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (type.isArray() || type.isPrimitive() || instrumenter.isOwn(type.getClassLoader())
                    || !session.selector().matchesClass(type.getName())) {
                continue;
            }
            if (instrumenter.isJdk(type.getModule(), type.getClassLoader())) {
                instrumenter.notice(session, type.getName() + " is a class of the JDK: not instrumented");
            } else if (instrumentation.isModifiableClass(type)) {
                classes.add(type);
            }
        }
        return classes;
    }

    private void retransform(Session session, List<Class<?>> classes) {
        retransform(classes, (type, e) -> {
            session.exclude(type.getName());
            instrumenter.notice(session, type.getName() + " could not be instrumented, and runs as it was: " + e);
        });
    }

    /** Retransforms {@code classes} at once, or one by one if that fails, each failure to {@code failed}. */
    private void retransform(List<Class<?>> classes, java.util.function.BiConsumer<Class<?>, Throwable> failed) {
        if (classes.isEmpty()) {
            return;
        }
        try {
            instrumentation.retransformClasses(classes.toArray(Class<?>[]::new));
            return;
        } catch (Exception | LinkageError e) {
            // one of them: find which
        }
        for (Class<?> type : classes) {
            try {
                instrumentation.retransformClasses(type);
            } catch (Exception | LinkageError e) {
                failed.accept(type, e);
            }
        }
    }

    /** Writes the reply whole, then renames it into place: the command never reads half of one. */
    private static void reply(Path file, AgentReply reply) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(temporary, reply.write(), StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A command this agent cannot read: the reply goes where any version of the protocol puts its reply file. */
    private static void replyToAnyVersion(String options, AgentReply reply) throws IOException {
        String[] fields = options.split(";", -1);
        if (fields.length > 3 && fields[3].startsWith("/")) {
            reply(Path.of(fields[3]), reply);
        }
    }
}
