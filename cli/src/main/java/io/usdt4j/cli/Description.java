// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usdt4j.contract.DescriptionFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A provider's probe description, as its library's {@code .usdt4j} section carries it. */
record Description(String provider, List<Probe> probes) {
    /** One argument: its Java name and type, and what the tracer reads ({@code int64}, {@code uint16}, {@code string}, ...). */
    record Argument(int index, String name, String javaType, String tracerSees) {
        boolean isString() {
            return tracerSees.equals("string");
        }

        boolean isBoolean() {
            return javaType.equals("boolean") || javaType.equals("java.lang.Boolean");
        }

        boolean isUnsigned() {
            return tracerSees.startsWith("uint");
        }

        /** {@code long}, {@code String} (java.lang is left out), {@code com.example.Phase}. */
        String displayType() {
            return javaType.startsWith("java.lang.") && javaType.indexOf('.', "java.lang.".length()) < 0
                    ? javaType.substring("java.lang.".length()) : javaType;
        }
    }

    record Probe(String name, List<Argument> arguments) {}

    static Description parse(ObjectMapper json, byte[] document) throws IOException {
        JsonNode root = json.readTree(document);
        List<Probe> probes = new ArrayList<>();
        for (JsonNode probe : root.path(DescriptionFormat.PROBES)) {
            List<Argument> arguments = new ArrayList<>();
            for (JsonNode argument : probe.path(DescriptionFormat.ARGUMENTS)) {
                arguments.add(new Argument(argument.path(DescriptionFormat.INDEX).asInt(arguments.size()),
                        argument.path(DescriptionFormat.NAME).asText(), argument.path(DescriptionFormat.JAVA_TYPE).asText(),
                        argument.path(DescriptionFormat.TRACER_SEES).asText()));
            }
            probes.add(new Probe(probe.path(DescriptionFormat.NAME).asText(), List.copyOf(arguments)));
        }
        String provider = root.path(DescriptionFormat.PROVIDER).asText(null);
        if (provider == null) {
            throw new IOException("the description names no " + DescriptionFormat.PROVIDER);
        }
        return new Description(provider, List.copyOf(probes));
    }
}
