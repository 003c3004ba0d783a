// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static io.usdt4j.contract.DescriptionFormat.ARGUMENTS;
import static io.usdt4j.contract.DescriptionFormat.CLASS;
import static io.usdt4j.contract.DescriptionFormat.FORMAT;
import static io.usdt4j.contract.DescriptionFormat.INDEX;
import static io.usdt4j.contract.DescriptionFormat.INTERFACE;
import static io.usdt4j.contract.DescriptionFormat.JAVA_TYPE;
import static io.usdt4j.contract.DescriptionFormat.LIBRARY;
import static io.usdt4j.contract.DescriptionFormat.MAX_STRING_BYTES;
import static io.usdt4j.contract.DescriptionFormat.METHOD;
import static io.usdt4j.contract.DescriptionFormat.NAME;
import static io.usdt4j.contract.DescriptionFormat.PROBES;
import static io.usdt4j.contract.DescriptionFormat.PROVIDER;
import static io.usdt4j.contract.DescriptionFormat.SOURCE;
import static io.usdt4j.contract.DescriptionFormat.TRACER_SEES;
import static io.usdt4j.contract.DescriptionFormat.USDT_SIZE;

import io.usdt4j.contract.DescriptionFormat;
import io.usdt4j.contract.ResourceLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the probe description, {@link ResourceLayout#description}: what the provider's probes
 * are and what a tracer sees of each argument, for the plugin, the runtime and tools. Its format
 * and member names are {@link DescriptionFormat}'s; one member a line at the top, one probe and
 * one argument a line below.
 */
final class DescriptionGenerator {
    private DescriptionGenerator() {}

    static String path(ProviderModel model) {
        return ResourceLayout.description(model.provider());
    }

    static String generate(ProviderModel model) {
        List<String> members = new ArrayList<>();
        members.add(member(FORMAT, Integer.toString(DescriptionFormat.VERSION)));
        members.add(member(PROVIDER, string(model.provider())));
        members.add(member(INTERFACE, string(model.interfaceName().canonicalName())));
        members.add(member(CLASS, string(model.generatedName().canonicalName())));
        if (model.origin().sourcePath() != null) {
            members.add(member(SOURCE, string(model.origin().sourcePath())));
        }
        members.add(member(LIBRARY, string(ResourceLayout.libraryPattern(model.provider()))));
        members.add(member(MAX_STRING_BYTES, Integer.toString(model.maxStringBytes())));
        if (model.jfr()) {
            members.add(member(DescriptionFormat.JFR_SETTINGS, string(ResourceLayout.jfrSettings(model.provider()))));
        }
        List<String> probes = new ArrayList<>();
        for (ProbeModel probe : model.probes()) {
            List<String> arguments = new ArrayList<>();
            for (int i = 0; i < probe.arguments().size(); i++) {
                ProbeModel.Argument argument = probe.arguments().get(i);
                arguments.add(object(List.of(member(INDEX, Integer.toString(i)), member(NAME, string(argument.name())),
                        member(JAVA_TYPE, string(argument.qualifiedType())),
                        member(USDT_SIZE, Integer.toString(argument.type().usdtSize())),
                        member(TRACER_SEES, string(argument.type().tracerType)))));
            }
            probes.add(object(List.of(member(NAME, string(probe.name())), member(METHOD, string(probe.methodName())),
                    member(ARGUMENTS, array(arguments, "      ", "    ")))));
        }
        members.add(member(PROBES, array(probes, "    ", "  ")));
        return "{\n  " + String.join(",\n  ", members) + "\n}\n";
    }

    /** {@code "name": value}. */
    private static String member(String name, String json) {
        return string(name) + ": " + json;
    }

    /** {@code {"a": 1, "b": 2}} on one line. */
    private static String object(List<String> members) {
        return "{" + String.join(", ", members) + "}";
    }

    /** {@code []}, or one element a line at {@code indent}, the closing bracket at {@code closingIndent}. */
    private static String array(List<String> elements, String indent, String closingIndent) {
        if (elements.isEmpty()) {
            return "[]";
        }
        return "[\n" + indent + String.join(",\n" + indent, elements) + "\n" + closingIndent + "]";
    }

    /** A JSON string: Java names are plain, but escape anyway, as javaType may hold any identifier. */
    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
