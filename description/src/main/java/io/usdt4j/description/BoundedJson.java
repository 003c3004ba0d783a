// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259) for documents that anyone may have written: bounded in length,
 * nesting and string length, it reads each character once and fails only with a
 * {@link MalformedDescriptionException} whose message quotes nothing of the document.
 *
 * <p>It gives a tree: an object is a {@code Map<String, Object>} in document order, an array a
 * {@code List<Object>}, a string a {@code String}, an integer of at most 18 digits a {@code Long},
 * any other number {@link #NOT_AN_INTEGER}, {@code true} and {@code false} a {@code Boolean}, and
 * {@code null} {@link #NULL}. The input must be UTF-8 without a byte-order mark; no member name
 * may appear twice in an object, and no escape may leave a lone surrogate.
 */
final class BoundedJson {
    /** The JSON {@code null}. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    /** A number with a fraction or an exponent, or too long for a {@code long}. */
    static final Object NOT_AN_INTEGER = new Object() {
        @Override
        public String toString() {
            return "a number that is not an integer";
        }
    };
    /** Digits a {@code long} always holds. */
    private static final int LONG_DIGITS = 18;

    private final String text;
    private final int maxDepth;
    private final int maxStringChars;
    private int at;

    private BoundedJson(String text, int maxDepth, int maxStringChars) {
        this.text = text;
        this.maxDepth = maxDepth;
        this.maxStringChars = maxStringChars;
    }

    /** The tree of {@code document}, which must be one JSON value within the bounds. */
    static Object parse(byte[] document, int maxBytes, int maxDepth, int maxStringChars) throws MalformedDescriptionException {
        if (document.length > maxBytes) {
            throw new MalformedDescriptionException("it is " + document.length + " bytes long, more than the " + maxBytes
                    + " a description may have");
        }
        String text;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(document));
            text = chars.toString();
        } catch (CharacterCodingException e) {
            throw new MalformedDescriptionException("it is not UTF-8", e);
        }
        BoundedJson json = new BoundedJson(text, maxDepth, maxStringChars);
        json.whitespace();
        Object value = json.value(0);
        json.whitespace();
        if (json.at < text.length()) {
            throw json.error("more follows the JSON value");
        }
        return value;
    }

    private Object value(int depth) throws MalformedDescriptionException {
        if (at >= text.length()) {
            throw error("a value is missing");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("a value is expected");
            }
        };
    }

    private Map<String, Object> object(int depth) throws MalformedDescriptionException {
        Map<String, Object> members = new LinkedHashMap<>();
        if (openIsEmpty(depth, '}')) {
            return members;
        }
        do {
            if (peek() != '"') {
                throw error("a member name is expected");
            }
            int nameAt = at;
            String name = string();
            whitespace();
            expect(':');
            whitespace();
            if (members.put(name, value(depth)) != null) {
                at = nameAt;
                throw error("a member name appears twice in one object");
            }
        } while (!closesAfterElement('}'));
        return members;
    }

    private List<Object> array(int depth) throws MalformedDescriptionException {
        List<Object> elements = new ArrayList<>();
        if (openIsEmpty(depth, ']')) {
            return elements;
        }
        do {
            elements.add(value(depth));
        } while (!closesAfterElement(']'));
        return elements;
    }

    /**
     * Opens an object or array at {@code depth}: its opening character and the white space after
     * it read; true when {@code close} follows at once (read too), an empty one.
     */
    private boolean openIsEmpty(int depth, char close) throws MalformedDescriptionException {
        nest(depth);
        at++; // { or [
        whitespace();
        if (peek() == close) {
            at++;
            return true;
        }
        return false;
    }

    /**
     * After an element of an object or array: true at its end ({@code close}, read), false after a
     * {@code ','} (read, and the white space after it); anything else is malformed.
     */
    private boolean closesAfterElement(char close) throws MalformedDescriptionException {
        whitespace();
        if (peek() == ',') {
            at++;
            whitespace();
            return false;
        }
        if (peek() == close) {
            at++;
            return true;
        }
        throw error("',' or '" + close + "' is expected");
    }

    private void nest(int depth) throws MalformedDescriptionException {
        if (depth > maxDepth) {
            throw error("arrays and objects nest more than " + maxDepth + " deep");
        }
    }

    private String string() throws MalformedDescriptionException {
        int start = at;
        at++; // "
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                at = start;
                throw error("a string does not end");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            } else if (c == '\\') {
                escape(out);
            } else if (c < 0x20) {
                at--;
                throw error("a control character is not escaped");
            } else {
                out.append(c);
            }
            if (out.length() > maxStringChars) {
                at = start;
                throw error("a string is longer than " + maxStringChars + " characters");
            }
        }
    }

    private void escape(StringBuilder out) throws MalformedDescriptionException {
        if (at >= text.length()) {
            throw error("an escape does not end");
        }
        char c = text.charAt(at++);
        switch (c) {
            case '"', '\\', '/' -> out.append(c);
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                int escapeAt = at - 2;
                char unit = hex4();
                if (Character.isHighSurrogate(unit)) {
                    if (!text.startsWith("\\u", at)) {
                        at = escapeAt;
                        throw error("an escaped surrogate has no pair");
                    }
                    at += 2;
                    char low = hex4();
                    if (!Character.isLowSurrogate(low)) {
                        at = escapeAt;
                        throw error("an escaped surrogate has no pair");
                    }
                    out.append(unit).append(low);
                } else if (Character.isLowSurrogate(unit)) {
                    at = escapeAt;
                    throw error("an escaped surrogate has no pair");
                } else {
                    out.append(unit);
                }
            }
            default -> {
                at -= 2;
                throw error("an escape is not one JSON has");
            }
        }
    }

    private char hex4() throws MalformedDescriptionException {
        if (at + 4 > text.length()) {
            throw error("a \\u escape needs four hex digits");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            char c = text.charAt(at);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                throw error("a \\u escape needs four hex digits");
            }
            value = value * 16 + digit;
            at++;
        }
        return (char) value;
    }

    private Object number() throws MalformedDescriptionException {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        int digitsAt = at;
        if (peek() == '0') {
            at++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                at++;
            }
        } else {
            throw error("a number needs a digit");
        }
        int digits = at - digitsAt;
        boolean integer = true;
        if (peek() == '.') {
            integer = false;
            at++;
            requireDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            requireDigits();
        }
        if (!integer || digits > LONG_DIGITS) {
            return NOT_AN_INTEGER;
        }
        long value = 0;
        for (int i = digitsAt; i < digitsAt + digits; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return text.charAt(start) == '-' ? -value : value;
    }

    private void requireDigits() throws MalformedDescriptionException {
        if (!isDigit(peek())) {
            throw error("a number needs a digit");
        }
        while (isDigit(peek())) {
            at++;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String literal, Object value) throws MalformedDescriptionException {
        if (!text.startsWith(literal, at)) {
            throw error("a value is expected");
        }
        at += literal.length();
        return value;
    }

    private void whitespace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    /** The character at the position, or -1 at the end. */
    private int peek() {
        return at < text.length() ? text.charAt(at) : -1;
    }

    private void expect(char c) throws MalformedDescriptionException {
        if (peek() != c) {
            throw error("'" + c + "' is expected");
        }
        at++;
    }

    private MalformedDescriptionException error(String problem) {
        return new MalformedDescriptionException("it is not JSON: " + problem + " at character " + at);
    }
}
