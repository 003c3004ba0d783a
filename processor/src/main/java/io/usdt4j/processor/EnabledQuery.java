// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import javax.lang.model.element.ExecutableElement;

/** {@code boolean is<Probe>Enabled()}: true while a tracer is attached to {@code probe}. */
record EnabledQuery(ExecutableElement method, ProbeModel probe) {
    String methodName() {
        return method.getSimpleName().toString();
    }
}
