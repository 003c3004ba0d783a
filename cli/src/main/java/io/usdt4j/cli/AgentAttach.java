// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import io.usdt4j.agent.control.AgentCommand;
import io.usdt4j.agent.control.AgentReply;
import io.usdt4j.agent.control.Attach;
import io.usdt4j.agent.control.ProcessIds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends the agent a command in a JVM ({@link Attach}), as the user the JVM runs as: in this
 * process when that is this user, else (as root) in a JVM of that user's, started with
 * {@code setpriv}, which runs {@link Attach#main} from a copy of the agent's jar.
 */
final class AgentAttach {
    /** Where the command's jar carries the agent's. */
    static final String AGENT_JAR = "/META-INF/usdt4j/usdt4j-agent.jar";
    private static final int ROOT = 0;
    /** How long a JVM of the target's user may take to send a command. */
    private static final long PATIENCE_SECONDS = 120;
    private static final int MAX_OUTPUT = AgentReply.MAX_BYTES + 4096;

    private final Path proc;
    private final long pid;
    private final byte[] agentJar;

    private AgentAttach(Path proc, long pid, byte[] agentJar) {
        this.proc = proc;
        this.pid = pid;
        this.agentJar = agentJar;
    }

    /**
     * For process {@code pid}, after checking that this Java can attach at all.
     *
     * @throws CliException without the JDK's jdk.attach module, or the agent's jar
     */
    static AgentAttach to(Path proc, long pid) throws CliException {
        if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
            throw new CliException("trace --method loads its agent through the JDK's Attach API, and the Java at "
                    + System.getProperty("java.home") + " has no jdk.attach module: run usdt4j with a JDK (JAVA_HOME)");
        }
        if (!Files.isDirectory(proc.resolve(Long.toString(pid)))) {
            throw new CliException("no such process: " + pid);
        }
        try (InputStream in = AgentAttach.class.getResourceAsStream(AGENT_JAR)) {
            if (in == null) {
                throw new CliException("this usdt4j carries no agent (" + AGENT_JAR + "): build it with the agent module");
            }
            return new AgentAttach(proc, pid, in.readAllBytes());
        } catch (IOException e) {
            throw new CliException("cannot read the agent's jar: " + e.getMessage());
        }
    }

    /** The process's user and group, and this one's. */
    private ProcessIds[] ids() throws CliException {
        try {
            return new ProcessIds[] {ProcessIds.of(proc.resolve(Long.toString(pid))), ProcessIds.self()};
        } catch (NoSuchFileException e) {
            throw new CliException("no such process: " + pid);
        } catch (IOException e) {
            throw new CliException("cannot read process " + pid + ": " + e.getMessage());
        }
    }

    /**
     * Fails unless this process may attach to the JVM: as its user, or as root.
     *
     * @throws CliException for another user's JVM, unless this is root
     */
    void checkUser() throws CliException {
        ProcessIds[] ids = ids();
        if (!ids[0].equals(ids[1]) && ids[1].uid() != ROOT) {
            throw new CliException("process " + pid + " runs as user " + ids[0].uid() + " (group " + ids[0].gid()
                    + "), and the Attach API takes only that user: run usdt4j as that user, or as root");
        }
    }

    /** Sends {@code command} (its reply file {@link Attach} chooses) and returns the agent's reply. */
    AgentReply send(AgentCommand command) throws CliException {
        checkUser();
        ProcessIds[] ids = ids();
        ProcessIds target = ids[0];
        if (target.equals(ids[1])) {
            try {
                return Attach.send(pid, agentJar, command);
            } catch (Attach.Failure e) {
                throw new CliException(e.getMessage());
            }
        }
        return asUser(target, command);
    }

    /** {@link Attach#main} in a JVM of the target's user and group, from a copy of the agent's jar it can read. */
    private AgentReply asUser(ProcessIds target, AgentCommand command) throws CliException {
        Path directory = null;
        try {
            directory = Files.createTempDirectory(Path.of("/tmp"), "usdt4j-attach");
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path jar = directory.resolve("usdt4j-agent.jar");
            Files.write(jar, agentJar);
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("r--r--r--"));
            List<String> commandLine = new ArrayList<>(List.of("setpriv", "--reuid=" + target.uid(), "--regid=" + target.gid(),
                    "--clear-groups", java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", jar.toString(),
                    Attach.class.getName(), Long.toString(pid), jar.toString(), command.encode()));
            Process process;
            try {
                process = new ProcessBuilder(commandLine).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new CliException("cannot run setpriv to attach as user " + target.uid() + " (" + e.getMessage()
                        + "): install util-linux");
            }
            process.getOutputStream().close();
            byte[] output = readBounded(process.getInputStream());
            if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CliException("attaching to process " + pid + " as user " + target.uid() + " did not finish in "
                        + PATIENCE_SECONDS + " s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                String reason = text.startsWith(Attach.FAILURE) ? text.substring(Attach.FAILURE.length()).strip()
                        : "the JVM of user " + target.uid() + " that attaches failed (exit " + process.exitValue() + "): " + text.strip();
                throw new CliException(reason);
            }
            return AgentReply.read(output);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        } catch (IOException e) {
            throw new CliException("cannot attach as user " + target.uid() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while attaching to process " + pid);
        } finally {
            if (directory != null) {
                try {
                    Files.deleteIfExists(directory.resolve("usdt4j-agent.jar"));
                    Files.deleteIfExists(directory);
                } catch (IOException e) {
                    Usdt4jCommand.error("could not remove " + directory + ": " + e.getMessage());
                }
            }
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            if (out.size() < MAX_OUTPUT) {
                out.write(buffer, 0, Math.min(n, MAX_OUTPUT - out.size()));
            }
        }
        return out.toByteArray();
    }

    /** This JVM's java launcher, which the target's user runs too. */
    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
