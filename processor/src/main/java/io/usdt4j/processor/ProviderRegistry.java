// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * The provider names of one compilation, across its rounds: two interfaces of one name would
 * build the same {@code libusdt4j-<provider>.so}, so the second to claim it is refused.
 */
final class ProviderRegistry {
    private final Map<String, TypeElement> providers = new HashMap<>();

    /**
     * Claims {@code provider} for {@code type}; returns the other interface that holds it already,
     * or empty when the name is now {@code type}'s (claiming it again is fine).
     */
    Optional<TypeElement> claim(String provider, TypeElement type) {
        TypeElement previous = providers.putIfAbsent(provider, type);
        return previous == null || previous.equals(type) ? Optional.empty() : Optional.of(previous);
    }
}
