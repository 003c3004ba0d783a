// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.palantir.javapoet.ClassName;
import io.usdt4j.contract.GeneratedNames;
import java.util.Locale;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * Naming rules shared by validation and generation. Which provider and probe names are valid is
 * the contract's {@link io.usdt4j.contract.UsdtNames}.
 */
final class Names {
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
