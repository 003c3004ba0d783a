// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.palantir.javapoet.ClassName;
import io.usdt4j.contract.GeneratedNames;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.lang.model.element.TypeElement;

/** Naming rules shared by validation and generation. */
final class Names {
    /** Long enough for any sensible name; tracers print and match these, so keep them readable. */
    static final int MAX_IDENTIFIER_LENGTH = 64;

    private static final Pattern C_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * Names the generated C cannot take. It {@code #undef}s every provider and probe name, so that
     * one which the compiler or a header defines as a macro ({@code linux} and {@code unix} under
     * gnu11, {@code errno}, {@code stdin}) stays a plain name; these it must not undefine: C's
     * reserved identifiers ({@code _Foo}, {@code __foo}) and the macros the generated code and
     * the probe headers use ({@code NULL}, {@code JNI*}, {@code USDT*}, {@code STAP*}, {@code SDT*}).
     */
    private static final Pattern NEEDED_BY_GENERATED_C = Pattern.compile("_[A-Z_].*|NULL|(JNI|USDT|STAP|SDT|_SDT).*");

    private static final String QUERY_PREFIX = "is";
    private static final String QUERY_SUFFIX = "Enabled";

    private Names() {}

    /** {@code orderPlaced} → {@code order_placed}; {@code HTTPServerProbes} → {@code http_server_probes}. */
    static String lowerSnakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char previous = camel.charAt(i - 1);
                boolean nextIsLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                if (Character.isLowerCase(previous) || Character.isDigit(previous)
                        || (Character.isUpperCase(previous) && nextIsLower)) {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    static boolean isCIdentifier(String name) {
        return name.length() <= MAX_IDENTIFIER_LENGTH && C_IDENTIFIER.matcher(name).matches()
                && !NEEDED_BY_GENERATED_C.matcher(name).matches();
    }

    /** {@code orderPlaced} → {@code isOrderPlacedEnabled}: the is-enabled query of that probe method. */
    static String enabledQueryName(String probeMethodName) {
        return QUERY_PREFIX + Character.toUpperCase(probeMethodName.charAt(0)) + probeMethodName.substring(1) + QUERY_SUFFIX;
    }

    /**
     * {@code isOrderPlacedEnabled} → {@code orderPlaced}: the probe method a query is named after,
     * or empty when the name is not {@code is<ProbeMethod>Enabled}.
     */
    static Optional<String> probeMethodOfQuery(String queryName) {
        int end = queryName.length() - QUERY_SUFFIX.length();
        if (!queryName.startsWith(QUERY_PREFIX) || !queryName.endsWith(QUERY_SUFFIX) || end <= QUERY_PREFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(Character.toLowerCase(queryName.charAt(QUERY_PREFIX.length()))
                + queryName.substring(QUERY_PREFIX.length() + 1, end));
    }

    /** {@code Outer.Inner} is implemented by {@code Outer_InnerUsdt}, a top-level class beside it. */
    static ClassName generatedName(TypeElement type) {
        ClassName interfaceName = ClassName.get(type);
        return ClassName.get(interfaceName.packageName(), GeneratedNames.generatedSimpleName(interfaceName.simpleNames()));
    }
}
