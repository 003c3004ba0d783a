package io.usdt4j.processor;

import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/** One probe: the interface method that fires it and the USDT name tracers use. */
record ProbeModel(ExecutableElement method, String name, List<Argument> arguments) {

    record Argument(String name, ArgumentType type, TypeMirror javaType) {}

    String methodName() {
        return method.getSimpleName().toString();
    }

    /** Unique among the provider's probes, and not a name a user writes. */
    String nativeMethodName() {
        return "fire$" + name;
    }

    /** Unique among the provider's probes, and not a name a user writes. */
    String semaphoreFieldName() {
        return "semaphore$" + name;
    }

    String jniSignature() {
        return arguments.stream().map(a -> a.type().jniDescriptor).collect(Collectors.joining("", "(", ")V"));
    }

    /** {@code orderPlaced(long orderId, String sku)}, for comments and Javadoc. */
    String javaSignature() {
        return arguments.stream().map(a -> a.javaType() + " " + a.name())
                .collect(Collectors.joining(", ", methodName() + "(", ")"));
    }
}
