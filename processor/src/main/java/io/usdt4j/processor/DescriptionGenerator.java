package io.usdt4j.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code META-INF/usdt4j/<provider>.json}: what the provider's probes are and what a
 * tracer sees of each argument, for the runtime and tools. Format version 1:
 *
 * <pre>{@code
 * {"format": 1, "provider": "shop", "interface": "com.example.shop.ShopProbes",
 *  "class": "com.example.shop.ShopProbesUsdt",
 *  "library": "META-INF/usdt4j/native/{os}-{arch}/libusdt4j-shop.so", "maxStringBytes": 255,
 *  "probes": [{"name": "order_placed", "method": "orderPlaced", "arguments": [
 *      {"index": 0, "name": "orderId", "javaType": "long", "usdtSize": -8, "tracerSees": "int64"}, ...]}]}
 * }</pre>
 *
 * {@code usdtSize} is the size as the USDT note records it, negative when signed; {@code tracerSees}
 * is {@code int8 ... int64}, {@code uint8}, {@code uint16} or {@code string} (a pointer to
 * NUL-terminated UTF-8, 0 for null).
 */
final class DescriptionGenerator {
    private DescriptionGenerator() {}

    static String path(ProviderModel model) {
        return io.usdt4j.contract.ResourceLayout.description(model.provider());
    }

    /** Where the library is in the jar; {@code {os}-{arch}} as the runtime's Platform names it (linux-x86_64). */
    static String libraryPattern(ProviderModel model) {
        return io.usdt4j.contract.ResourceLayout.libraryPattern(model.provider());
    }

    static String generate(ProviderModel model) {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"format\": ").append(io.usdt4j.contract.DescriptionFormat.VERSION).append(",\n");
        out.append("  \"provider\": ").append(string(model.provider())).append(",\n");
        out.append("  \"interface\": ").append(string(model.interfaceName().canonicalName())).append(",\n");
        out.append("  \"class\": ").append(string(model.generatedName().canonicalName())).append(",\n");
        if (model.origin().sourcePath() != null) {
            out.append("  \"source\": ").append(string(model.origin().sourcePath())).append(",\n");
        }
        out.append("  \"library\": ").append(string(libraryPattern(model))).append(",\n");
        out.append("  \"maxStringBytes\": ").append(model.maxStringBytes()).append(",\n");
        out.append("  \"probes\": [");
        List<String> probes = new ArrayList<>();
        for (ProbeModel probe : model.probes()) {
            StringBuilder p = new StringBuilder("\n    {\"name\": ").append(string(probe.name()))
                    .append(", \"method\": ").append(string(probe.methodName()))
                    .append(", \"arguments\": [");
            List<String> arguments = new ArrayList<>();
            for (int i = 0; i < probe.arguments().size(); i++) {
                ProbeModel.Argument argument = probe.arguments().get(i);
                arguments.add("\n      {\"index\": " + i
                        + ", \"name\": " + string(argument.name())
                        + ", \"javaType\": " + string(argument.qualifiedType())
                        + ", \"usdtSize\": " + argument.type().usdtSize()
                        + ", \"tracerSees\": " + string(argument.type().tracerType) + "}");
            }
            p.append(String.join(",", arguments)).append(arguments.isEmpty() ? "]}" : "\n    ]}");
            probes.add(p.toString());
        }
        out.append(String.join(",", probes)).append(probes.isEmpty() ? "]\n" : "\n  ]\n");
        return out.append("}\n").toString();
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
