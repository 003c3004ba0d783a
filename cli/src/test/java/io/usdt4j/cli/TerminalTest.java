// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usdt4j.testsupport.RandomCases;
import io.usdt4j.testsupport.SeededTest;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one escaping of text from other processes, in text and JSON alike. */
class TerminalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("ESC, a colour", "a\u001b[31mred", "a\\u001b[31mred"),
                Arguments.of("a newline and a fake line", "/tmp/x\nusdt4j: all is well", "/tmp/x\\nusdt4j: all is well"),
                Arguments.of("a carriage return over the line", "ok\rEVIL", "ok\\rEVIL"),
                Arguments.of("a tab", "a\tb", "a\\tb"),
                Arguments.of("NUL", "a\0b", "a\\u0000b"),
                Arguments.of("DEL", "a\u007fb", "a\\u007fb"),
                Arguments.of("C1 CSI, which some terminals take as ESC [", "a\u009b2Jb", "a\\u009b2Jb"),
                Arguments.of("C1 OSC, a title", "\u009d0;EVIL\u009c", "\\u009d0;EVIL\\u009c"),
                Arguments.of("a bell", "a\u0007", "a\\u0007"),
                Arguments.of("a right-to-left override", "a\u202eexe.txt", "a\\u202eexe.txt"),
                Arguments.of("isolates", "\u2066x\u2069", "\\u2066x\\u2069"),
                Arguments.of("a zero-width space", "a\u200bb", "a\\u200bb"),
                Arguments.of("line and paragraph separators", "a\u2028b\u2029", "a\\u2028b\\u2029"),
                Arguments.of("a lone surrogate", "a\ud800b", "a\\ud800b"),
                Arguments.of("a tag character, outside the BMP", "a\udb40\udc01", "a\\udb40\\udc01"),
                Arguments.of("a backslash, so that no escape is ambiguous", "a\\u001b", "a\\\\u001b"),
                Arguments.of("text that needs nothing", "naïve ☃ 𝄞 CAFÉ-2 \"quoted\"", "naïve ☃ 𝄞 CAFÉ-2 \"quoted\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void textEscapesWhatATerminalActsOn(String what, String hostile, String shown) throws Exception {
        assertEquals(shown, Terminal.text(hostile));
        assertSafe(Terminal.text(hostile));
        assertSafe(Terminal.quote(hostile));

        ObjectNode node = JSON.createObjectNode().put("path", hostile);
        String json = Terminal.json(node);
        assertSafe(json);
        assertEquals(node, JSON.readTree(json), "the JSON says the same");
    }

    /** 1000 strings of any UTF-16 units: nothing a terminal acts on gets through, and the JSON says the same. */
    @SeededTest
    void nothingATerminalActsOnGetsThrough(long seed) {
        RandomCases.check(seed, RandomCases.perSeed(1000), TerminalTest::anyString, s -> {
            assertSafe(Terminal.text(s));
            assertSafe(Terminal.quote(s));
            String json = Terminal.json(JSON.createObjectNode().put(s, s));
            assertSafe(json);
            JsonNode back = JSON.readTree(json);
            assertEquals(s, back.get(s).asText());
        });
    }

    /**
     * A string of up to 80 UTF-16 units, each as likely printable ASCII as a C0 or C1 control,
     * DEL, a separator, format or bidirectional character, a lone or paired surrogate, or any unit.
     */
    static String anyString(Random random) {
        int length = random.nextInt(10) == 0 ? 0 : random.nextInt(81);
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            switch (random.nextInt(8)) {
                case 0 -> out.append((char) (0x20 + random.nextInt(0x5f)));
                case 1 -> out.append((char) random.nextInt(0x20));
                case 2 -> out.append((char) (0x7f + random.nextInt(0x21)));
                case 3 -> out.append("\u2028\u2029\u200b\u200d\u202e\u2066\u2069\ufeff\u00ad\\\"".charAt(random.nextInt(11)));
                case 4 -> out.append((char) (0xd800 + random.nextInt(0x800)));
                case 5 -> out.appendCodePoint(0x10000 + random.nextInt(0x100000));
                case 6 -> out.append("\udb40\udc01\ud834\udd1e".substring(0, 2 + 2 * random.nextInt(2)));
                default -> out.append((char) random.nextInt(0x10000));
            }
        }
        return out.toString();
    }

    @Test
    void quotingEscapesQuotesToo() {
        assertEquals("\"say \\\"hi\\\" \\\\ back\\\\\"", Terminal.quote("say \"hi\" \\ back\\"));
        assertEquals("\"two\\nlines\"", Terminal.quote("two\nlines"));
    }

    @Test
    void everyEchoIsBounded() {
        String name = "x".repeat(5 << 20);
        assertEquals("x".repeat(Terminal.MAX_ECHO) + "... (" + ((5 << 20) - Terminal.MAX_ECHO) + " more characters)",
                Terminal.text(name));
        assertEquals("x".repeat(10) + "... (" + ((5 << 20) - 10) + " more characters)", Terminal.bound(name, 10));
        assertEquals("short", Terminal.bound("short", 10));
        // An escape counts what it shows: a name of escapes is no longer than one of letters.
        assertTrue(Terminal.text("\u001b".repeat(5 << 20)).length() < Terminal.MAX_ECHO + 64);
        // A cut never splits a pair of surrogates.
        assertEquals("x... (4 more characters)", Terminal.bound("x𝄞𝄞", 2));
        assertEquals("x𝄞... (2 more characters)", Terminal.bound("x𝄞𝄞", 3));
    }

    @Test
    void linesAreBoundedWhateverTheyAre() throws Exception {
        List<String> lines = new ArrayList<>();
        Tracer.lines(new StringReader("a\n" + "b".repeat(100_000) + "\n\nlast"), 10, lines::add);
        assertEquals(List.of("a", "b".repeat(10), "", "last"), lines);
    }

    /** No character that a terminal acts on: no C0 control, DEL, C1, separator, format character or lone surrogate. */
    static void assertSafe(String shown) {
        for (int i = 0; i < shown.length(); ) {
            int c = shown.codePointAt(i);
            assertFalse(Terminal.escaped(c), () -> "U+" + Integer.toHexString(c) + " in " + shown);
            i += Character.charCount(c);
        }
    }
}
