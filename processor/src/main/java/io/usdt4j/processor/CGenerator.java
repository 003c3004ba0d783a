// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.usdt4j.contract.NativeContract;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.description.TracerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders a provider's C source from native-template's {@code provider.c.mustache}, which reads
 * a {@link ProviderView} by its accessors. The C, its comments included, is in the template; the
 * names it shares with Java come from {@link NativeContract} through the views.
 */
final class CGenerator {
    static final String TEMPLATE = "/io/usdt4j/nativetemplate/provider.c.mustache";

    private static final Template COMPILED = compile();

    private CGenerator() {}

    static String generate(ProviderModel model) {
        return COMPILED.execute(view(model));
    }

    /**
     * The whole provider, as the template sees it.
     *
     * @param undefs the provider and probe names, each once, which the C {@code #undef}s
     * @param sites the kinds of probe site every probe is built on (see usdt4j.h, USDT4J_NOP_SIZE);
     *     at run time the runtime binds the natives of one kind, so only that kind ever fires
     * @param registeredOnLoad the natives {@code JNI_OnLoad} registers
     * @param bindProbes the native that registers the probes, on the sites Java chose
     */
    record ProviderView(String interfaceName, String generatedClassName, String generatedClassJniName, String provider,
                        List<String> undefs, List<ProbeView> probes, List<SiteView> sites,
                        List<NativeView> registeredOnLoad, String bindProbes) {
        int probeCount() {
            return probes.size();
        }

        int oneByteNop() {
            return NativeContract.NOP1;
        }

        int fiveByteNop() {
            return NativeContract.NOP5;
        }

        String descriptionSection() {
            return ResourceLayout.DESCRIPTION_SECTION;
        }
    }

    /** One probe: its USDT name, the Java method it comes from, and its native. */
    record ProbeView(String name, String javaMethod, String nativeName, String jniSignature, List<ArgumentView> args) {}

    /**
     * One argument: {@code arg<index>} in C, {@code javaName} in Java, received as JNI type
     * {@code jniType} and passed to the probe as C type {@code cType} (both from the argument's
     * {@link TracerType}); a {@code string} arrives as the address of the UTF-8 that Java wrote.
     */
    record ArgumentView(int index, String javaName, String jniType, String cType, boolean string) {}

    /** The probes built on nops of {@code nopSize} bytes; the five-byte ones only where usdt4j.h has them. */
    record SiteView(int nopSize) {
        boolean fiveByte() {
            return nopSize == NativeContract.NOP5;
        }
    }

    /** A native {@code JNI_OnLoad} registers, and the C {@code function} that implements it. */
    record NativeView(String name, String descriptor, String function) {}

    static ProviderView view(ProviderModel model) {
        List<ProbeView> probes = new ArrayList<>();
        for (ProbeModel probe : model.probes()) {
            List<ArgumentView> arguments = new ArrayList<>();
            for (int i = 0; i < probe.arguments().size(); i++) {
                ProbeModel.Argument argument = probe.arguments().get(i);
                TracerType type = argument.type().tracerType();
                arguments.add(new ArgumentView(i, argument.name(), type.jniType().cType(), type.cType(),
                        type == TracerType.STRING));
            }
            probes.add(new ProbeView(probe.name(), probe.javaSignature(), probe.nativeMethodName(), probe.jniSignature(),
                    List.copyOf(arguments)));
        }
        Set<String> undefs = new LinkedHashSet<>();
        undefs.add(model.provider());
        model.probes().forEach(probe -> undefs.add(probe.name()));
        List<NativeView> registeredOnLoad = NativeContract.REGISTERED_ON_LOAD.stream()
                .map(method -> new NativeView(method.name(), method.descriptor(), method.function()))
                .toList();
        return new ProviderView(model.interfaceName().canonicalName(), model.generatedName().canonicalName(),
                model.generatedJniName(), model.provider(), List.copyOf(undefs), List.copyOf(probes),
                List.of(new SiteView(NativeContract.NOP1), new SiteView(NativeContract.NOP5)), registeredOnLoad,
                NativeContract.BIND_PROBES.name());
    }

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
