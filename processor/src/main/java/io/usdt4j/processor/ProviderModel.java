// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/** A valid {@code @UsdtProvider} interface, ready for generation. */
record ProviderModel(
        TypeElement element,
        ClassName interfaceName,
        ClassName generatedName,
        String provider,
        int maxStringBytes,
        List<ProbeModel> probes,
        List<EnabledQuery> enabledQueries,
        /** Simple names of the member types the interface declares or inherits: the generated class inherits them too. */
        Set<String> memberTypeNames,
        Origin origin,
        /** {@code @UsdtProvider(jfr = true)}: each probe is a JFR event too. */
        boolean jfr) {

    /**
     * Where the interface comes from, as far as generation needs to know.
     *
     * @param generatedAnnotation whether its module reads {@code java.compiler}, which has
     *     {@code @javax.annotation.processing.Generated} (always true on the class path)
     * @param sourcePath its source file relative to the source root ({@code com/example/ShopProbes.java}),
     *     or null when the compiler does not say
     */
    record Origin(boolean generatedAnnotation, String sourcePath) {}

    /** The name JNI's FindClass takes: {@code com/example/ShopProbesUsdt}. */
    String generatedJniName() {
        return generatedName.reflectionName().replace('.', '/');
    }
}
