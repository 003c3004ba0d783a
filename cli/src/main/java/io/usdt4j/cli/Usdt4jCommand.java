// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usdt4j.description.ArgumentDescription;
import io.usdt4j.description.BpftraceRenderer;
import io.usdt4j.description.DescriptionFormat;
import io.usdt4j.description.ProbeDescription;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code usdt4j list|script|trace}: the probes of running JVMs, from the descriptions their libraries carry. */
@Command(name = "usdt4j", mixinStandardHelpOptions = true, versionProvider = Usdt4jCommand.Version.class,
        description = "Lists and traces the usdt4j probes of running JVMs.",
        subcommands = {Usdt4jCommand.ListCommand.class, Usdt4jCommand.ScriptCommand.class, Usdt4jCommand.TraceCommand.class})
public final class Usdt4jCommand implements Runnable {
    /** The exit status of every error. */
    static final int ERROR = 2;
    static final Path PROC = Path.of("/proc");
    static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(out);
        CommandLine commandLine = new CommandLine(new Usdt4jCommand());
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof CliException) {
                error(e.getMessage());
                return ERROR;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say which command: list, script or trace");
    }

    /** An error or a notice on stderr: one line, {@code usdt4j: } and the message, escaped and bounded ({@link Terminal}). */
    static void error(String message) {
        System.err.println("usdt4j: " + Terminal.text(message));
    }

    /** Each notice, a line each ({@link #error}). */
    static void notices(List<String> notices) {
        notices.forEach(Usdt4jCommand::error);
    }

    /**
     * The probes of process {@code pid} that {@code selectors} pick, in libraries bpftrace may be
     * given ({@link BpftraceProgram#attachable}); the notices of reading them come first, on stderr.
     */
    static List<Selection.Match> selected(long pid, List<String> selectors) throws CliException {
        ProcessScanner scanner = new ProcessScanner(PROC);
        List<String> notices = new ArrayList<>();
        try {
            return BpftraceProgram.attachable(PROC, pid, Selection.select(scanner.one(pid), selectors), notices);
        } finally {
            notices(scanner.notices());
            notices(notices);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return BuildInfo.load().versionLines();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the processes with usdt4j probes, their providers and probes; [traced] marks a probe a tracer holds,"
                    + " [instrumented: CLASS#METHOD, entry|return] a probe of a method the usdt4j agent instrumented.")
    static final class ListCommand implements Callable<Integer> {
        @Option(names = {"-p", "--pid"}, paramLabel = "PID", description = "only this process")
        Long pid;

        @Option(names = "--json", description = "print one JSON array")
        boolean json;

        @Override
        public Integer call() throws CliException, IOException {
            ProcessScanner scanner = new ProcessScanner(PROC);
            List<ProcessScanner.Target> targets = pid == null ? scanner.all() : List.of(scanner.one(pid));
            if (json) {
                ArrayNode array = JSON.createArrayNode();
                for (ProcessScanner.Target target : targets) {
                    ObjectNode process = array.addObject().put("pid", target.pid())
                            .put("command", Terminal.bound(target.command(), Terminal.MAX_COMMAND));
                    ArrayNode providers = process.putArray("providers");
                    for (ProcessScanner.Library library : target.libraries()) {
                        ObjectNode provider = providers.addObject().put(DescriptionFormat.NAME, library.provider())
                                .put("library", Terminal.bound(library.path(), Terminal.MAX_ECHO))
                                .put("described", library.described());
                        ArrayNode probes = provider.putArray(DescriptionFormat.PROBES);
                        for (ProbeDescription probe : library.probes()) {
                            ObjectNode p = probes.addObject().put(DescriptionFormat.NAME, probe.name())
                                    .put("traced", scanner.traced(target.pid(), library, probe.name()));
                            probe.instrumented().ifPresent(method -> p.putObject("instrumented")
                                    .put("class", Terminal.bound(method.className(), Terminal.MAX_ECHO))
                                    .put(DescriptionFormat.METHOD, Terminal.bound(probe.method(), Terminal.MAX_ECHO))
                                    .put(DescriptionFormat.DESCRIPTOR, Terminal.bound(method.descriptor(), Terminal.MAX_ECHO))
                                    .put(DescriptionFormat.EVENT, method.event().wireName()));
                            ArrayNode arguments = p.putArray(DescriptionFormat.ARGUMENTS);
                            for (ArgumentDescription argument : probe.arguments()) {
                                arguments.addObject().put(DescriptionFormat.NAME, argument.name())
                                        .put(DescriptionFormat.JAVA_TYPE, argument.displayType());
                            }
                        }
                    }
                }
                System.out.println(Terminal.json(array));
            } else {
                for (ProcessScanner.Target target : targets) {
                    System.out.println(target.pid() + " " + Terminal.text(target.command(), Terminal.MAX_COMMAND));
                    for (ProcessScanner.Library library : target.libraries()) {
                        String provider = library.provider();
                        boolean methods = library.probes().stream().anyMatch(p -> p.instrumented().isPresent());
                        System.out.println("  provider " + provider + "  " + Terminal.text(library.path())
                                + (library.described() ? "" : "  [from its notes]") + (methods ? "  [instrumented methods]" : ""));
                        for (ProbeDescription probe : library.probes()) {
                            System.out.println("    " + provider + ":" + probe.name() + "("
                                    + probe.arguments().stream().map(a -> a.displayType() + " " + a.name()).collect(Collectors.joining(", "))
                                    + ")" + probe.instrumented().map(m -> "  [instrumented: " + Terminal.text(m.className()) + "#"
                                            + Terminal.text(probe.method()) + ", " + m.event().wireName() + "]").orElse("")
                                    + (scanner.traced(target.pid(), library, probe.name()) ? "  [traced]" : ""));
                        }
                    }
                }
            }
            notices(scanner.notices());
            if (scanner.unreadable() > 0) {
                error("skipped " + scanner.unreadable() + " process" + (scanner.unreadable() == 1 ? "" : "es")
                        + " this user may not read (try sudo)");
            }
            return 0;
        }
    }

    @Command(name = "script", mixinStandardHelpOptions = true,
            description = "Prints the bpftrace program that traces the selected probes, to adapt and run with bpftrace -p PID.")
    static final class ScriptCommand implements Callable<Integer> {
        @Option(names = {"-p", "--pid"}, paramLabel = "PID", required = true, description = "the process")
        long pid;

        @Parameters(arity = "1..*", paramLabel = "SELECTOR", description = "PROVIDER or PROVIDER:PROBE; * stands for any part of a name")
        List<String> selectors;

        @Override
        public Integer call() throws CliException {
            System.out.print(BpftraceProgram.readable(pid, selected(pid, selectors)));
            return 0;
        }
    }

    @Command(name = "trace", mixinStandardHelpOptions = true,
            description = {"Traces the selected probes with bpftrace and prints one line per fire, until --duration ends,"
                    + " Ctrl-C, or the process exits.",
                    "With --method, first turns the selected methods into probes (the usdt4j agent, loaded through the"
                    + " JDK's Attach API), traces their entries and returns, and restores them at the end."})
    static final class TraceCommand implements Callable<Integer> {
        @Option(names = {"-p", "--pid"}, paramLabel = "PID", required = true, description = "the process")
        long pid;

        @Option(names = "--json", description = "print one JSON object per fire")
        boolean json;

        @Option(names = "--duration", paramLabel = "SECONDS", description = "stop after this many seconds")
        Integer duration;

        @Option(names = "--method", paramLabel = "SELECTOR",
                description = "CLASS#METHOD[,CLASS#METHOD...]: instrument and trace these methods; * stands for any part of a name")
        String method;

        @Parameters(arity = "0..*", paramLabel = "SELECTOR", description = "PROVIDER or PROVIDER:PROBE; * stands for any part of a name")
        List<String> selectors = List.of();

        @Override
        public Integer call() throws CliException, IOException, InterruptedException {
            if (duration != null && duration <= 0) {
                throw new CliException("--duration must be a positive number of seconds, not " + duration);
            }
            if ((method == null) == selectors.isEmpty()) {
                throw new CliException(method == null ? "say what to trace: PROVIDER[:PROBE] selectors, or --method CLASS#METHOD"
                        : "trace either probes (PROVIDER[:PROBE]) or methods (--method), not both");
            }
            if (method != null) {
                return MethodTrace.trace(PROC, pid, method, json, duration);
            }
            Tracer tracer = Tracer.find();
            List<Selection.Match> matches = selected(pid, selectors);
            List<String> unreadable = BpftraceRenderer.unreadable(BpftraceProgram.probes(pid, matches));
            if (!unreadable.isEmpty()) {
                error("bpftrace reads only arg0..arg" + BpftraceRenderer.LAST_READABLE_ARGUMENT
                        + ", so these print as ?: " + String.join(", ", unreadable));
            }
            return tracer.trace(pid, matches, json, duration);
        }
    }
}
