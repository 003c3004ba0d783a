// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.control;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the agent answers an {@link AgentCommand}: whether it did it, or the one line that says why
 * not; how many methods of how many classes the session instruments; and a notice per method it
 * passed over (abstract, native, of the JDK). The agent writes it to the command's reply file; the
 * {@code usdt4j} command reads it back from another process, so {@link #read} trusts nothing of it:
 * it is bounded, and its text is returned as it is, for the command to escape when it prints it.
 *
 * <pre>
 * usdt4j-agent/1
 * methods 3
 * classes 1
 * notice com.example.Shape#area is abstract: it has no code to instrument
 * </pre>
 * or {@code error TEXT} after the first line.
 */
public record AgentReply(Optional<String> error, int methods, int classes, List<String> notices) {
    /** The longest reply {@link #read} takes, in bytes. */
    public static final int MAX_BYTES = 1 << 20;
    /** The most notices a reply carries: the agent counts the rest in one more. */
    public static final int MAX_NOTICES = 1000;
    /** The longest line of text (an error, a notice), in characters: the agent cuts longer ones. */
    public static final int MAX_TEXT = 600;

    private static final String ERROR = "error ", METHODS = "methods ", CLASSES = "classes ", NOTICE = "notice ";

    public AgentReply {
        Objects.requireNonNull(error, "error");
        notices = List.copyOf(notices);
    }

    /** A reply that the command failed, for {@code message}'s reason. */
    public static AgentReply failed(String message) {
        return new AgentReply(Optional.of(message), 0, 0, List.of());
    }

    /** Whether the command was done. */
    public boolean ok() {
        return error.isEmpty();
    }

    /** The reply's text. */
    public String write() {
        StringBuilder out = new StringBuilder(AgentCommand.PROTOCOL).append('\n');
        if (error.isPresent()) {
            out.append(ERROR).append(line(error.get())).append('\n');
        } else {
            out.append(METHODS).append(methods).append('\n').append(CLASSES).append(classes).append('\n');
        }
        int written = 0;
        for (String notice : notices) {
            if (written++ == MAX_NOTICES) {
                out.append(NOTICE).append(notices.size() - MAX_NOTICES).append(" more notices").append('\n');
                break;
            }
            out.append(NOTICE).append(line(notice)).append('\n');
        }
        return out.toString();
    }

    /** {@code text} on one line of at most {@link #MAX_TEXT} characters: a control character becomes {@code ?}. */
    public static String line(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT));
        for (int i = 0; i < text.length() && out.length() < MAX_TEXT; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return out.toString();
    }

    /**
     * The reply {@code bytes} hold.
     *
     * @throws IllegalArgumentException in one line that quotes nothing of it, when it is not a reply
     */
    public static AgentReply read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("the agent's reply has " + bytes.length + " bytes, more than " + MAX_BYTES);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the agent's reply is not UTF-8");
        }
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(AgentCommand.PROTOCOL)) {
            throw new IllegalArgumentException("the agent's reply is not one of " + AgentCommand.PROTOCOL);
        }
        String error = null;
        int methods = -1;
        int classes = -1;
        List<String> notices = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith(ERROR) && error == null) {
                error = line(line.substring(ERROR.length()));
            } else if (line.startsWith(METHODS) && methods < 0) {
                methods = count(line.substring(METHODS.length()));
            } else if (line.startsWith(CLASSES) && classes < 0) {
                classes = count(line.substring(CLASSES.length()));
            } else if (line.startsWith(NOTICE) && notices.size() <= MAX_NOTICES) {
                notices.add(line(line.substring(NOTICE.length())));
            } else {
                throw new IllegalArgumentException("the agent's reply has a line that is not one of " + AgentCommand.PROTOCOL);
            }
        }
        if (error == null && (methods < 0 || classes < 0)) {
            throw new IllegalArgumentException("the agent's reply says neither what it did nor why not");
        }
        return new AgentReply(Optional.ofNullable(error), Math.max(methods, 0), Math.max(classes, 0), notices);
    }

    private static int count(String digits) {
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("the agent's reply has a count that is not one");
        }
        return Integer.parseInt(digits);
    }
}
