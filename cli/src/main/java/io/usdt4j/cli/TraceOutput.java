// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usdt4j.description.ArgumentDescription;
import io.usdt4j.description.BpftraceRenderer;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the lines of a {@link BpftraceRenderer#framed} program into one line per fire, text or
 * JSON. Lines without the token (bpftrace's own) are ignored.
 */
final class TraceOutput {
    private record Fire(Selection.Match match, List<Object> values) {}

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
        if (json) {
            ObjectNode line = mapper.createObjectNode();
            line.put("provider", fire.match().provider());
            line.put("probe", fire.match().probe().name());
            ObjectNode args = line.putObject("args");
            for (int i = 0; i < arguments.size(); i++) {
                Object value = value(arguments.get(i), fire.values(), i);
                if (value == null) {
                    args.putNull(arguments.get(i).name());
                } else if (value instanceof Boolean b) {
                    args.put(arguments.get(i).name(), b);
                } else if (value instanceof BigInteger n) {
                    args.put(arguments.get(i).name(), n);
                } else {
                    args.put(arguments.get(i).name(), (String) value);
                }
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
