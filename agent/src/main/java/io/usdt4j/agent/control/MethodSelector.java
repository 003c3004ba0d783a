// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which methods the agent instruments: {@code CLASS#METHOD}, several separated by commas
 * ({@code com.example.Shop#placeOrder,com.example.db.*#query*}). {@code CLASS} is a class's binary
 * name ({@code com.example.Shop$Cart} for a nested class), {@code METHOD} a method's name
 * ({@code <init>} for the constructors); {@code *} matches any part of a name, dots and {@code $}
 * included, in either half. Every overload of a matching method is selected.
 *
 * <p>The one grammar of selectors: the agent, its {@code -javaagent} option and the {@code usdt4j}
 * command all parse it here.
 */
public final class MethodSelector {
    /** The longest selector, in characters: it travels in the attach protocol's one argument of 1024 bytes. */
    public static final int MAX_LENGTH = 768;
    private static final String WILDCARD = "*";
    private static final char METHOD_SEPARATOR = '#';
    private static final String SEPARATOR = ",";

    /** One {@code CLASS#METHOD}. */
    public record Part(String classGlob, String methodGlob, Pattern classPattern, Pattern methodPattern) {
        public Part {
            Objects.requireNonNull(classGlob, "classGlob");
            Objects.requireNonNull(methodGlob, "methodGlob");
        }

        /** Whether this part selects methods of class {@code className} (a binary name). */
        public boolean matchesClass(String className) {
            return classPattern.matcher(className).matches();
        }

        /** Whether this part selects the method {@code methodName} of class {@code className}. */
        public boolean matches(String className, String methodName) {
            return matchesClass(className) && methodPattern.matcher(methodName).matches();
        }

        @Override
        public String toString() {
            return classGlob + METHOD_SEPARATOR + methodGlob;
        }
    }

    private final String text;
    private final List<Part> parts;

    private MethodSelector(String text, List<Part> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /**
     * The selector {@code text} writes.
     *
     * @throws IllegalArgumentException with a message of one line, quoting nothing of {@code text}
     *     but its position, for a selector that is not one
     */
    public static MethodSelector parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a method selector is CLASS#METHOD (com.example.Shop#placeOrder), not empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a method selector has at most " + MAX_LENGTH + " characters, not " + text.length());
        }
        List<Part> parts = new ArrayList<>();
        int at = 0;
        for (String part : text.split(SEPARATOR, -1)) {
            parts.add(part(part, at));
            at += part.length() + SEPARATOR.length();
        }
        return new MethodSelector(text, parts);
    }

    private static Part part(String part, int at) {
        int hash = part.indexOf(METHOD_SEPARATOR);
        if (hash < 0 || part.indexOf(METHOD_SEPARATOR, hash + 1) >= 0) {
            throw new IllegalArgumentException("selector part " + (at + 1) + ".." + (at + part.length())
                    + " is not CLASS#METHOD with one #");
        }
        String classGlob = part.substring(0, hash);
        String methodGlob = part.substring(hash + 1);
        if (classGlob.isEmpty() || methodGlob.isEmpty()) {
            throw new IllegalArgumentException("selector part " + (at + 1) + ".." + (at + part.length())
                    + " has an empty " + (classGlob.isEmpty() ? "class" : "method") + "; * matches any");
        }
        check(classGlob, at, true);
        check(methodGlob, at + hash + 1, false);
        return new Part(classGlob, methodGlob, glob(classGlob), glob(methodGlob));
    }

    /** Only what a binary class name or a method name holds (and {@code *}): Java letters and digits, {@code $ _}, {@code .} in a class, {@code <>} in a method. */
    private static void check(String glob, int at, boolean className) {
        for (int i = 0; i < glob.length(); ) {
            int c = glob.codePointAt(i);
            boolean ok = Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c)
                    || c == '*' || (className ? c == '.' : c == '<' || c == '>');
            if (!ok) {
                throw new IllegalArgumentException("character " + (at + i + 1) + " of the selector cannot be part of a "
                        + (className ? "class" : "method") + " name (U+" + String.format("%04X", c) + ")");
            }
            i += Character.charCount(c);
        }
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split(Pattern.quote(WILDCARD), -1)) {
            regex.append(Pattern.quote(literal)).append(".*");
        }
        regex.setLength(regex.length() - 2);
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** Its parts, in order. */
    public List<Part> parts() {
        return parts;
    }

    /** Whether a part selects methods of class {@code className}. */
    public boolean matchesClass(String className) {
        for (Part part : parts) {
            if (part.matchesClass(className)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a part selects method {@code methodName} of class {@code className}. */
    public boolean matches(String className, String methodName) {
        for (Part part : parts) {
            if (part.matches(className, methodName)) {
                return true;
            }
        }
        return false;
    }

    /** The selector as it was written. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MethodSelector that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
