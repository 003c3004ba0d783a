// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.control;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Sends an {@link AgentCommand} to the agent in another JVM, through the JDK's Attach API
 * ({@code jdk.attach}), as the user that JVM runs as: the {@code usdt4j} command calls
 * {@link #send} when it is that user, and runs {@link #main} in a JVM of that user's (root does,
 * for another user's JVM) otherwise.
 *
 * <p>It puts the agent's jar where that JVM can read it, in its own file system (a container's
 * included): {@code /tmp/.usdt4j-agent-UID/usdt4j-agent-HASH.jar} as that JVM sees it, written
 * through {@code /proc/PID/root}, in a directory of that user's that no one else may write. The
 * agent answers in a file there, read back the same way.
 */
public final class Attach {
    /** The exit status of {@link #main} when the command could not be sent; its one line on stdout says why. */
    public static final int FAILED = 2;
    /** What {@link #main} prints before the reason when it fails. */
    public static final String FAILURE = "failed ";
    private static final String DIRECTORY = ".usdt4j-agent-";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_READ = PosixFilePermissions.fromString("r--------");
    /** {@code st_mode}'s write bits of group and others. */
    private static final int S_IWGRP_IWOTH = 0022;

    /** Why a command could not reach the agent: one line for the operator. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        public Failure(String message) {
            super(message);
        }

        public Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Attach() {}

    /**
     * Loads the agent in {@code agentJar} into process {@code pid} (or the one there already) and
     * has it carry out {@code command}, whose reply file this chooses; returns the agent's reply.
     *
     * @param command the command, but for its reply file: {@code /} there stands for this one's
     * @throws Failure in one line when the JVM refuses attach, the agent cannot be placed or loaded,
     *     or does not answer
     */
    public static AgentReply send(long pid, byte[] agentJar, AgentCommand command) throws Failure {
        Path root = Path.of("/proc", Long.toString(pid), "root");
        String inside = "/tmp/" + DIRECTORY + effectiveUid();
        Path directory = root.resolve(inside.substring(1));
        prepare(directory, pid);
        String jarName = "usdt4j-agent-" + sha256(agentJar).substring(0, 16) + ".jar";
        place(directory.resolve(jarName), agentJar);
        String replyName = command.session() + "." + command.op().name().toLowerCase(java.util.Locale.ROOT) + ".reply";
        Path reply = directory.resolve(replyName);
        try {
            Files.deleteIfExists(reply);
        } catch (IOException e) {
            throw new Failure("cannot use " + directory + ": " + e.getMessage(), e);
        }
        AgentCommand sent = new AgentCommand(command.op(), command.session(), inside + "/" + replyName, command.selector());
        load(pid, inside + "/" + jarName, sent.encode());
        try {
            byte[] bytes;
            try (InputStream in = Files.newInputStream(reply, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes(AgentReply.MAX_BYTES + 1);
            }
            Files.deleteIfExists(reply);
            return AgentReply.read(bytes);
        } catch (NoSuchFileException e) {
            throw new Failure("the agent in process " + pid + " did not answer: its standard error says why (an agent"
                    + " of another usdt4j version, or one that failed to start)");
        } catch (IOException | IllegalArgumentException e) {
            throw new Failure("the agent in process " + pid + " answered what cannot be read: " + e.getMessage(), e);
        }
    }

    private static void load(long pid, String jar, String options) throws Failure {
        if (options.getBytes(StandardCharsets.UTF_8).length + jar.length() + 1 > AgentCommand.MAX_OPTIONS_BYTES) {
            throw new Failure("the method selector is too long for the attach protocol");
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw new Failure("process " + pid + " refuses attach (" + e.getMessage() + "): it runs with"
                    + " -XX:+DisableAttachMechanism, or is not a HotSpot JVM", e);
        }
        try {
            vm.loadAgent(jar, options);
        } catch (AgentLoadException | AgentInitializationException | IOException e) {
            throw new Failure("process " + pid + " could not load the agent: " + e.getMessage(), e);
        } finally {
            try {
                vm.detach();
            } catch (IOException e) {
                // the JVM is gone
            }
        }
    }

    /** The user's private directory in the target's /tmp: made, or checked to be a directory of this user's that no one else may write. */
    private static void prepare(Path directory, long pid) throws Failure {
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            // checked below
        } catch (NoSuchFileException e) {
            throw new Failure("process " + pid + " has no /tmp, or has ended", e);
        } catch (IOException e) {
            throw new Failure("cannot make " + directory + " for the agent: " + e.getMessage(), e);
        }
        try {
            Map<String, Object> attributes = Files.readAttributes(directory, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) attributes.get("mode");
            if ((mode & 0170000) != 0040000 || (Integer) attributes.get("uid") != effectiveUid() || (mode & S_IWGRP_IWOTH) != 0) {
                throw new Failure(directory + " is not a directory of this user's that only it may write: remove it");
            }
        } catch (IOException e) {
            throw new Failure("cannot check " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The jar at {@code file}, written unless it is there with these bytes; renamed into place whole. */
    private static void place(Path file, byte[] jar) throws Failure {
        try {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && java.util.Arrays.equals(Files.readAllBytes(file), jar)) {
                return;
            }
            Path temporary = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".part");
            Files.deleteIfExists(temporary);
            Files.write(temporary, jar, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.setPosixFilePermissions(temporary, OWNER_READ);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new Failure("cannot put the agent's jar at " + file + ": " + e.getMessage(), e);
        }
    }

    /** This process's effective user id. */
    private static int effectiveUid() throws Failure {
        try {
            return ProcessIds.self().uid();
        } catch (IOException e) {
            throw new Failure("cannot tell which user this is: " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /**
     * {@code PID AGENT_JAR OPTIONS}: {@link #send} the command {@code OPTIONS} encodes (its reply
     * file a placeholder), with the agent in file {@code AGENT_JAR}; prints the agent's reply on
     * stdout, or {@link #FAILURE} and why, exit status {@link #FAILED}.
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        if (args.length != 3) {
            out.println(FAILURE + "usage: Attach PID AGENT_JAR OPTIONS");
            System.exit(FAILED);
        }
        try {
            AgentReply reply = send(Long.parseLong(args[0]), Files.readAllBytes(Path.of(args[1])), AgentCommand.decode(args[2]));
            out.print(reply.write());
            out.flush();
            System.exit(0);
        } catch (Failure e) {
            out.println(FAILURE + AgentReply.line(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            out.println(FAILURE + AgentReply.line(String.valueOf(e)));
        }
        out.flush();
        System.exit(FAILED);
    }
}
