package io.usdt4j.processor;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders a provider's C source from native-template's {@code provider.c.mustache}. */
final class CGenerator {
    static final String TEMPLATE = "/io/usdt4j/nativetemplate/provider.c.mustache";

    /** Where the C source goes in the class output; the Maven plugin compiles every file there. */
    static String sourcePath(ProviderModel model) {
        return io.usdt4j.contract.ResourceLayout.cSource(model.provider());
    }

    private static final Template COMPILED = compile();

    private CGenerator() {}

    static String generate(ProviderModel model) {
        List<Map<String, Object>> probes = new ArrayList<>();
        for (ProbeModel probe : model.probes()) {
            List<Map<String, Object>> arguments = new ArrayList<>();
            for (int i = 0; i < probe.arguments().size(); i++) {
                ProbeModel.Argument argument = probe.arguments().get(i);
                arguments.add(Map.of(
                        "index", i,
                        "javaName", argument.name(),
                        "jniType", argument.type().jniCType,
                        "cType", argument.type().probeCType,
                        "string", argument.type() == ArgumentType.STRING,
                        "bufferSize", model.maxStringBytes() + 1));
            }
            probes.add(Map.of(
                    "name", probe.name(),
                    "javaMethod", probe.javaSignature(),
                    "nativeName", probe.nativeMethodName(),
                    "jniSignature", probe.jniSignature(),
                    "args", arguments));
        }
        java.util.Set<String> undefs = new java.util.LinkedHashSet<>();
        undefs.add(model.provider());
        model.probes().forEach(probe -> undefs.add(probe.name()));
        return COMPILED.execute(Map.of(
                "undefs", List.copyOf(undefs),
                "interfaceName", model.interfaceName().canonicalName(),
                "generatedClassName", model.generatedName().canonicalName(),
                "generatedClassJniName", model.generatedJniName(),
                "provider", model.provider(),
                "probeCount", model.probes().size(),
                "probes", probes,
                "sites", SITES));
    }

    /**
     * Every probe is built on both kinds of site (see usdt4j.h, USDT4J_NOP_SIZE); at run time
     * ProviderBinding binds the natives of one kind, so only that kind ever fires.
     */
    private static final List<Map<String, Object>> SITES = List.of(
            Map.of("nopSize", 1, "nop5", false,
                    "comment", "Probe sites on a one-byte nop: every kernel's uprobes emulate it after their int3."),
            Map.of("nopSize", 5, "nop5", true,
                    "comment", "The same probes on five-byte nops, which Linux 6.18+ turns into calls to its uprobe trampoline."));

    private static Template compile() {
        try (InputStream in = CGenerator.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing: usdt4j-native-template must be on the processor path");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return Mustache.compiler().escapeHTML(false).strictSections(true).compile(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
