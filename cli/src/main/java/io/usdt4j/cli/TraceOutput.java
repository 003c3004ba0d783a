// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usdt4j.description.ArgumentDescription;
import io.usdt4j.description.BpftraceRenderer;
import io.usdt4j.description.InstrumentedMethod;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the lines of a {@link BpftraceRenderer#framed} program into one line per fire, text or
 * JSON. Lines without the token (bpftrace's own) are ignored.
 */
final class TraceOutput {
    private record Fire(Selection.Match match, List<Object> values) {}

    /** The return probe's arguments of an instrumented method: the elapsed nanoseconds, the class thrown, the value. */
    private static final int RETURN_NS = 0, RETURN_THREW = 1, RETURN_VALUE = 2;

    private final List<Selection.Match> matches;
    private final String token;
    private final boolean json;
    private final ObjectMapper mapper;
    private final PrintStream out;
    private final Map<String, Fire> fires = new HashMap<>();
    /** A string being read: its thread, and the lines so far. */
    private String stringThread;
    private final List<String> stringLines = new ArrayList<>();

    TraceOutput(List<Selection.Match> matches, String token, boolean json, ObjectMapper mapper, PrintStream out) {
        this.matches = matches;
        this.token = token + " ";
        this.json = json;
        this.mapper = mapper;
        this.out = out;
    }

    void line(String line) {
        if (stringThread != null) {
            if (line.equals(token + stringThread + " " + BpftraceRenderer.STRING_END)) {
                add(stringThread, String.join("\n", stringLines));
                stringThread = null;
                stringLines.clear();
            } else {
                stringLines.add(line);
            }
            return;
        }
        if (!line.startsWith(token)) {
            return;
        }
        String[] fields = line.substring(token.length()).split(" ", 3);
        if (fields.length < 2) {
            return;
        }
        String thread = fields[0];
        switch (fields[1]) {
            case BpftraceRenderer.FIRE -> fires.put(thread, new Fire(matches.get(Integer.parseInt(fields[2])), new ArrayList<>()));
            case BpftraceRenderer.INTEGER -> add(thread, new BigInteger(fields[2]));
            case BpftraceRenderer.NULL -> add(thread, null);
            case BpftraceRenderer.STRING -> stringThread = thread;
            case BpftraceRenderer.END -> {
                Fire fire = fires.remove(thread);
                if (fire != null) {
                    print(fire);
                }
            }
            default -> { }
        }
    }

    private void add(String thread, Object value) {
        Fire fire = fires.get(thread);
        if (fire != null) {
            fire.values().add(value);
        }
    }

    private void print(Fire fire) {
        List<ArgumentDescription> arguments = fire.match().probe().arguments();
        Optional<InstrumentedMethod> method = fire.match().probe().instrumented();
        if (method.isPresent()) {
            out.println(json ? Terminal.json(methodJson(method.get(), fire)) : methodText(method.get(), fire));
        } else if (json) {
            ObjectNode line = mapper.createObjectNode();
            line.put("provider", fire.match().provider());
            line.put("probe", fire.match().probe().name());
            ObjectNode args = line.putObject("args");
            for (int i = 0; i < arguments.size(); i++) {
                putValue(args, arguments.get(i).name(), value(arguments.get(i), fire.values(), i));
            }
            out.println(Terminal.json(line));
        } else {
            StringBuilder text = new StringBuilder(fire.match().provider()).append(':').append(fire.match().probe().name());
            for (int i = 0; i < arguments.size(); i++) {
                ArgumentDescription argument = arguments.get(i);
                text.append(' ').append(argument.name()).append('=');
                if (!BpftraceRenderer.readable(argument)) {
                    text.append('?');
                } else {
                    Object value = value(argument, fire.values(), i);
                    text.append(value instanceof String s ? Terminal.quote(s) : String.valueOf(value));
                }
            }
            out.println(text);
        }
        out.flush();
    }

    /**
     * A fire of an instrumented method's probe, as the Java it is:
     * {@code com.example.Shop#placeOrder(orderId=42, sku="BOOK-1", quantity=3)} on entry, and
     * {@code com.example.Shop#placeOrder -> 7 (48213 ns)}, {@code -> void (...)} or
     * {@code -> threw java.lang.IllegalStateException (...)} on return. A string is quoted, the
     * class name of an argument of another type is not.
     */
    private static String methodText(InstrumentedMethod method, Fire fire) {
        List<ArgumentDescription> arguments = fire.match().probe().arguments();
        StringBuilder text = new StringBuilder(Terminal.text(method.className())).append('#')
                .append(Terminal.text(fire.match().probe().method()));
        switch (method.event()) {
            case ENTRY -> {
                text.append('(');
                for (int i = 0; i < arguments.size(); i++) {
                    text.append(i == 0 ? "" : ", ").append(arguments.get(i).name()).append('=')
                            .append(methodValue(arguments.get(i), fire.values(), i));
                }
                text.append(')');
            }
            case RETURN -> {
                Object threw = value(arguments.get(RETURN_THREW), fire.values(), RETURN_THREW);
                text.append(" -> ");
                if (threw != null) {
                    text.append("threw ").append(Terminal.text(String.valueOf(threw)));
                } else if (arguments.size() > RETURN_VALUE) {
                    text.append(methodValue(arguments.get(RETURN_VALUE), fire.values(), RETURN_VALUE));
                } else {
                    text.append("void");
                }
                text.append(" (").append(value(arguments.get(RETURN_NS), fire.values(), RETURN_NS)).append(" ns)");
            }
        }
        return text.toString();
    }

    /** A value of an instrumented method: a string quoted, a class's name not, an argument bpftrace does not read {@code ?}. */
    private static String methodValue(ArgumentDescription argument, List<Object> values, int i) {
        if (!BpftraceRenderer.readable(argument)) {
            return "?";
        }
        Object value = value(argument, values, i);
        if (!(value instanceof String s)) {
            return String.valueOf(value);
        }
        return switch (argument.passed()) {
            case VALUE -> Terminal.quote(s);
            case CLASS_NAME -> Terminal.text(s);
        };
    }

    /**
     * {@code {"class": .., "method": .., "event": "entry", "args": {..}}}, or for a return
     * {@code "event": "return"} with {@code "value"} (absent for void and when it threw),
     * {@code "threw"} (absent when it did not) and {@code "ns"}.
     */
    private ObjectNode methodJson(InstrumentedMethod method, Fire fire) {
        List<ArgumentDescription> arguments = fire.match().probe().arguments();
        ObjectNode line = mapper.createObjectNode();
        line.put("class", Terminal.bound(method.className(), Terminal.MAX_ECHO));
        line.put("method", Terminal.bound(fire.match().probe().method(), Terminal.MAX_ECHO));
        line.put("event", method.event().wireName());
        switch (method.event()) {
            case ENTRY -> {
                ObjectNode args = line.putObject("args");
                for (int i = 0; i < arguments.size(); i++) {
                    putValue(args, arguments.get(i).name(), value(arguments.get(i), fire.values(), i));
                }
            }
            case RETURN -> {
                Object threw = value(arguments.get(RETURN_THREW), fire.values(), RETURN_THREW);
                if (threw == null && arguments.size() > RETURN_VALUE) {
                    putValue(line, "value", value(arguments.get(RETURN_VALUE), fire.values(), RETURN_VALUE));
                }
                if (threw != null) {
                    line.put("threw", (String) threw);
                }
                putValue(line, "ns", value(arguments.get(RETURN_NS), fire.values(), RETURN_NS));
            }
        }
        return line;
    }

    private static void putValue(ObjectNode node, String name, Object value) {
        if (value == null) {
            node.putNull(name);
        } else if (value instanceof Boolean b) {
            node.put(name, b);
        } else if (value instanceof BigInteger n) {
            node.put(name, n);
        } else {
            node.put(name, (String) value);
        }
    }

    /** The i-th argument's value: a string, an integer, a boolean, or null (a null string, or unreadable). */
    private static Object value(ArgumentDescription argument, List<Object> values, int i) {
        if (!BpftraceRenderer.readable(argument) || i >= values.size()) {
            return null;
        }
        Object value = values.get(i);
        return switch (argument.tracerType()) {
            case BOOL -> value instanceof BigInteger n ? (Object) (n.signum() != 0) : value;
            case INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, UINT64, STRING -> value;
        };
    }
}
