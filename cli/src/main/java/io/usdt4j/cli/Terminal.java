// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one rule for text from another process (a command line, a path, a name, a traced string,
 * bpftrace's errors) on the operator's terminal: {@link #escaped} says which characters never
 * reach it raw, {@link #text} escapes them in text output, notices and error messages,
 * {@link #json} in JSON output, and every echo is bounded in length.
 *
 * <p>Escapes are JSON's: {@code \n}, {@code \t}, {@code \r}, {@code \\} and {@code \u001b}; a
 * character outside the Basic Multilingual Plane as its two surrogates ({@code \udb40\udc01}).
 */
final class Terminal {
    /** The most characters of one echoed value (a path, a name, a message); PATH_MAX is 4096. */
    static final int MAX_ECHO = 4096;
    /** The most characters of a command line: a JVM's class path is long, and its main class comes last. */
    static final int MAX_COMMAND = 32 * 1024;

    private Terminal() {}

    /**
     * Whether code point {@code c} is shown escaped: the C0 controls (ESC, newline, ...), DEL, the
     * C1 controls (U+009B is a CSI to many terminals), the line and paragraph separators, format
     * characters (bidirectional overrides, zero-width characters) and lone surrogates.
     */
    static boolean escaped(int c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }

    /** {@code s} for a terminal: {@link #escaped} characters and {@code \} escaped, at most {@code max} characters of it. */
    static String text(String s, int max) {
        return escape(s, max, false);
    }

    /** {@link #text} with {@link #MAX_ECHO}. */
    static String text(String s) {
        return text(s, MAX_ECHO);
    }

    /** {@code s} in double quotes, escaped as {@link #text} and {@code "} too: a traced string stays on its line. */
    static String quote(String s) {
        return '"' + escape(s, Integer.MAX_VALUE, true) + '"';
    }

    /**
     * {@code s} cut to {@code max} characters, the cut said ({@code ... (1234 more characters)}),
     * for a value that JSON output escapes later ({@link #json}).
     */
    static String bound(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + cut(s.length() - end);
    }

    /**
     * {@code node} as one line of JSON, every {@link #escaped} character in its strings written
     * as a {@code \}{@code u} escape (Jackson escapes only the C0 controls).
     */
    static String json(JsonNode node) {
        String json = node.toString();
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); ) {
            int c = json.codePointAt(i);
            if (c >= 0x20 && escaped(c)) { // C0 controls are escaped already: none is left raw
                for (char unit : Character.toChars(c)) {
                    out.append(String.format("\\u%04x", (int) unit));
                }
            } else {
                out.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }

    private static String escape(String s, int max, boolean quotes) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 16);
        int i = 0;
        for (; i < s.length() && out.length() < max; ) {
            int c = s.codePointAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '"' -> out.append(quotes ? "\\\"" : "\"");
                default -> {
                    if (escaped(c)) {
                        for (char unit : Character.toChars(c)) {
                            out.append(String.format("\\u%04x", (int) unit));
                        }
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
            i += Character.charCount(c);
        }
        if (i < s.length()) {
            out.append(cut(s.length() - i));
        }
        return out.toString();
    }

    private static String cut(int more) {
        return "... (" + more + " more characters)";
    }
}
