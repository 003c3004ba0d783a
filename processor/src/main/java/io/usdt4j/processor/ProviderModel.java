package io.usdt4j.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/** A valid {@code @UsdtProvider} interface, ready for generation. */
record ProviderModel(
        TypeElement element,
        ClassName interfaceName,
        ClassName generatedName,
        String provider,
        int maxStringBytes,
        List<ProbeModel> probes,
        List<EnabledQuery> enabledQueries) {

    /** The name JNI's FindClass takes: {@code com/example/ShopProbesUsdt}. */
    String generatedJniName() {
        return generatedName.reflectionName().replace('.', '/');
    }
}
