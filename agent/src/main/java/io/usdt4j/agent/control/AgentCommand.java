// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.control;

import java.util.Objects;

/**
 * What the {@code usdt4j} command asks of the agent it loads into a JVM, as the one options string
 * of {@code VirtualMachine.loadAgent}: instrument the methods a selector names for a session, or
 * restore those of a session; the agent writes its {@link AgentReply} to {@code replyFile}, a path
 * in the target's own file system. Any other options string (that of {@code -javaagent:...=}) is a
 * {@link MethodSelector} whose methods stay instrumented while the JVM runs.
 *
 * <p>{@code usdt4j-agent/1;instrument;SESSION;REPLY_FILE;SELECTOR} and
 * {@code usdt4j-agent/1;restore;SESSION;REPLY_FILE}: no field holds a {@code ;} (a selector cannot).
 *
 * @param session letters and digits, which the command chose at random
 * @param selector the methods, for {@link Op#INSTRUMENT}; null for {@link Op#RESTORE}
 */
public record AgentCommand(Op op, String session, String replyFile, MethodSelector selector) {
    /** The protocol's name and version: a command of another version is refused in one line. */
    public static final String PROTOCOL = "usdt4j-agent/1";
    private static final String SEPARATOR = ";";
    /** The attach protocol's limit on one argument, the jar's path and these options together. */
    public static final int MAX_OPTIONS_BYTES = 1024;

    /** What the command asks. */
    public enum Op {
        /** Instrument the selector's methods, loaded now or later, until the session is restored. */
        INSTRUMENT("instrument"),
        /** Restore the original bytecode of every method only this session instruments. */
        RESTORE("restore");

        private final String wireName;

        Op(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }
    }

    public AgentCommand {
        Objects.requireNonNull(op, "op");
        if (session == null || session.isEmpty() || session.length() > 64 || !session.chars().allMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException("a session is 1 to 64 letters and digits");
        }
        if (replyFile == null || !replyFile.startsWith("/") || replyFile.contains(SEPARATOR)) {
            throw new IllegalArgumentException("the reply file is an absolute path without ;");
        }
        if ((op == Op.INSTRUMENT) != (selector != null)) {
            throw new IllegalArgumentException(op.wireName() + (op == Op.INSTRUMENT ? " needs" : " takes no") + " selector");
        }
    }

    public static AgentCommand instrument(String session, String replyFile, MethodSelector selector) {
        return new AgentCommand(Op.INSTRUMENT, session, replyFile, Objects.requireNonNull(selector, "selector"));
    }

    public static AgentCommand restore(String session, String replyFile) {
        return new AgentCommand(Op.RESTORE, session, replyFile, null);
    }

    /** Whether {@code options} is a command rather than a {@code -javaagent} selector. */
    public static boolean isCommand(String options) {
        return options != null && options.startsWith(PROTOCOL.substring(0, PROTOCOL.indexOf('/') + 1));
    }

    /** The options string. */
    public String encode() {
        return PROTOCOL + SEPARATOR + op.wireName() + SEPARATOR + session + SEPARATOR + replyFile
                + (selector == null ? "" : SEPARATOR + selector);
    }

    /**
     * The command {@code options} encodes.
     *
     * @throws IllegalArgumentException in one line for anything else, a command of another version included
     */
    public static AgentCommand decode(String options) {
        String[] fields = options.split(SEPARATOR, -1);
        if (!fields[0].equals(PROTOCOL)) {
            throw new IllegalArgumentException("this agent speaks " + PROTOCOL + ", and the command "
                    + (isCommand(options) ? "another version of it: use a usdt4j command of the agent's version" : "none"));
        }
        if (fields.length >= 4 && fields[1].equals(Op.RESTORE.wireName()) && fields.length == 4) {
            return restore(fields[2], fields[3]);
        }
        if (fields.length == 5 && fields[1].equals(Op.INSTRUMENT.wireName())) {
            return instrument(fields[2], fields[3], MethodSelector.parse(fields[4]));
        }
        throw new IllegalArgumentException("not a command of " + PROTOCOL);
    }
}
