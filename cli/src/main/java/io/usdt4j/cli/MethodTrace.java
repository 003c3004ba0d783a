// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import io.usdt4j.agent.control.AgentCommand;
import io.usdt4j.agent.control.AgentReply;
import io.usdt4j.agent.control.MethodSelector;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code usdt4j trace -p PID --method SELECTOR}: has the agent instrument the selected methods
 * ({@link AgentAttach}), traces their probes with bpftrace, and at the end (the duration, Ctrl-C,
 * SIGTERM, the process's exit) stops bpftrace and has the agent restore every method it
 * instrumented for this command. A class loaded later gets its probes in a library of its own,
 * which this finds by looking at the process again every {@link #RESCAN_MILLIS}, and traces with
 * one more bpftrace.
 */
final class MethodTrace {
    /** How often the process is looked at again, for the probes of classes loaded since. */
    static final long RESCAN_MILLIS = 1000;

    private final Path proc;
    private final long pid;
    private final MethodSelector selector;
    private final boolean json;
    private final Tracer tracer;
    private final AgentAttach agent;
    private final String session;
    private final List<Tracer.Run> runs = new ArrayList<>();
    private final Set<String> traced = new HashSet<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicBoolean restored = new AtomicBoolean();

    private MethodTrace(Path proc, long pid, MethodSelector selector, boolean json, Tracer tracer, AgentAttach agent) {
        this.proc = proc;
        this.pid = pid;
        this.selector = selector;
        this.json = json;
        this.tracer = tracer;
        this.agent = agent;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.session = HexFormat.of().formatHex(random);
    }

    static int trace(Path proc, long pid, String selector, boolean json, Integer duration)
            throws CliException, IOException, InterruptedException {
        MethodSelector methods;
        try {
            methods = MethodSelector.parse(selector);
        } catch (IllegalArgumentException e) {
            throw new CliException("--method: " + e.getMessage());
        }
        AgentAttach agent = AgentAttach.to(proc, pid);
        agent.checkUser();
        Tracer tracer = Tracer.find();
        return new MethodTrace(proc, pid, methods, json, tracer, agent).run(duration);
    }

    private int run(Integer duration) throws CliException, IOException, InterruptedException {
        Thread hook = new Thread(this::finish, "usdt4j-restore"); // SIGTERM, SIGHUP: restore before this command ends
        Runtime.getRuntime().addShutdownHook(hook);
        AgentReply reply;
        try {
            reply = agent.send(AgentCommand.instrument(session, "/", selector));
        } catch (CliException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            throw e;
        }
        Usdt4jCommand.notices(reply.notices());
        if (!reply.ok()) {
            Runtime.getRuntime().removeShutdownHook(hook);
            throw new CliException(reply.error().get() + " of process " + pid);
        }
        Usdt4jCommand.error("instrumented " + reply.methods() + " method" + (reply.methods() == 1 ? "" : "s") + " of "
                + reply.classes() + " class" + (reply.classes() == 1 ? "" : "es") + " in process " + pid
                + "; restored when this command ends");
        ProcessHandle.of(pid).ifPresentOrElse(target -> target.onExit().thenRun(stop::countDown), stop::countDown);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> stop.countDown());
        int status = 0;
        try {
            traceNewProbes();
            synchronized (runs) {
                if (runs.isEmpty()) {
                    throw new CliException("process " + pid + " maps no library with the probes of the methods it instrumented");
                }
            }
            long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(duration);
            while (!stop.await(Math.min(RESCAN_MILLIS, Math.max(0, (end - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)
                    && System.nanoTime() < end) {
                traceNewProbes();
            }
        } finally {
            status = finish();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        return status;
    }

    /** Starts bpftrace on the selected methods' probes that no run traces yet. */
    private void traceNewProbes() throws IOException {
        ProcessScanner scanner = new ProcessScanner(proc);
        List<Selection.Match> fresh = new ArrayList<>();
        try {
            for (Selection.Match match : Selection.methods(scanner.one(pid), selector)) {
                if (!traced.contains(key(match))) {
                    fresh.add(match);
                }
            }
            List<String> notices = new ArrayList<>();
            fresh = fresh.isEmpty() ? fresh : BpftraceProgram.attachable(proc, pid, fresh, notices);
            Usdt4jCommand.notices(notices);
        } catch (CliException e) {
            return; // the process ended, or has nothing more to trace: the next look says
        } finally {
            Usdt4jCommand.notices(scanner.notices());
        }
        if (!fresh.isEmpty()) {
            synchronized (runs) {
                if (stop.getCount() == 0) {
                    return;
                }
                runs.add(tracer.start(pid, fresh, json, null));
            }
            fresh.forEach(match -> traced.add(key(match)));
        }
    }

    private static String key(Selection.Match match) {
        return match.library().path() + ":" + match.probe().name();
    }

    /**
     * Stops every bpftrace, restores (once, whoever calls first), then waits for what they printed.
     * Restoring does not wait for bpftrace: the kernel may take a long time to detach many probes
     * (about 40 s for 200 here), and the methods need not stay instrumented meanwhile.
     */
    private int finish() {
        stop.countDown();
        synchronized (runs) {
            runs.forEach(Tracer.Run::stop);
        }
        int status = restore();
        synchronized (runs) {
            for (Tracer.Run run : runs) {
                try {
                    status = Math.max(status, run.await());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return status;
    }

    /** Has the agent restore every method of this session, unless done already or the process is gone; the exit status. */
    private int restore() {
        int status = 0;
        if (restored.compareAndSet(false, true) && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                AgentReply reply = agent.send(AgentCommand.restore(session, "/"));
                Usdt4jCommand.notices(reply.notices());
                if (reply.ok()) {
                    Usdt4jCommand.error("restored " + reply.methods() + " method" + (reply.methods() == 1 ? "" : "s")
                            + " of process " + pid);
                } else {
                    Usdt4jCommand.error("process " + pid + " did not restore its methods: " + reply.error().get());
                    status = Usdt4jCommand.ERROR;
                }
            } catch (CliException e) {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    Usdt4jCommand.error("could not restore the methods of process " + pid + ": " + e.getMessage());
                    status = Usdt4jCommand.ERROR;
                }
            }
        }
        return status;
    }
}
