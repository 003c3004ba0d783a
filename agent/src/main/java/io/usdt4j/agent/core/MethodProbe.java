// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.core;

import io.usdt4j.contract.Limits;
import io.usdt4j.description.ArgumentDescription;
import io.usdt4j.description.InstrumentedMethod;
import io.usdt4j.description.ProbeDescription;
import io.usdt4j.description.TracerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.objectweb.asm.Type;

/**
 * One instrumented method's two probes, and the methods of the generated class ({@link HolderClass})
 * that fire them: what the instrumented code calls is named {@code entry$N}, {@code start$N},
 * {@code exit$N} and {@code threw$N}, for the method's index {@code N} in its class.
 *
 * @param holder the generated class, by its internal name
 * @param index the method's index among the generated class's
 * @param arguments the entry probe's arguments: the method's first {@link Limits#MAX_ARGUMENTS} parameters
 * @param returned how the return probe passes the return value; empty for {@code void}
 */
record MethodProbe(String className, String methodName, String descriptor, String entryProbe, String returnProbe,
                   String holder, int index, List<Argument> arguments, Optional<ArgumentKind> returned) {
    /** One parameter the entry probe passes: its name, its kind, and its declared type. */
    record Argument(String name, ArgumentKind kind, Type type) {}

    /** The return probe's first arguments, before the value. */
    static final String NS = "ns", THREW = "threw", VALUE = "value";

    MethodProbe {
        arguments = List.copyOf(arguments);
    }

    String entryMethod() {
        return "entry$" + index;
    }

    String startMethod() {
        return "start$" + index;
    }

    String exitMethod() {
        return "exit$" + index;
    }

    String threwMethod() {
        return "threw$" + index;
    }

    /** {@code entry$N}'s descriptor: each argument as its kind's parameter. */
    String entryDescriptor() {
        return Type.getMethodDescriptor(Type.VOID_TYPE, arguments.stream().map(a -> a.kind().helperType).toArray(Type[]::new));
    }

    /** {@code exit$N}'s descriptor: the return value as its kind's parameter, then the start time. */
    String exitDescriptor() {
        return returned.map(kind -> Type.getMethodDescriptor(Type.VOID_TYPE, kind.helperType, Type.LONG_TYPE))
                .orElse(Type.getMethodDescriptor(Type.VOID_TYPE, Type.LONG_TYPE));
    }

    static String startDescriptor() {
        return Type.getMethodDescriptor(Type.LONG_TYPE);
    }

    static String threwDescriptor() {
        return Type.getMethodDescriptor(Type.VOID_TYPE, Type.getType(Throwable.class), Type.LONG_TYPE);
    }

    /** Its two probes' descriptions, entry first. */
    List<ProbeDescription> describe() {
        List<ArgumentDescription> entry = new ArrayList<>();
        for (Argument argument : arguments) {
            entry.add(new ArgumentDescription(entry.size(), argument.name(), ArgumentKind.javaType(argument.type()),
                    argument.kind().tracerType, argument.kind().passed()));
        }
        List<ArgumentDescription> exit = new ArrayList<>(List.of(
                new ArgumentDescription(0, NS, "long", TracerType.INT64),
                new ArgumentDescription(1, THREW, Throwable.class.getName(), TracerType.STRING, ArgumentDescription.Passed.CLASS_NAME)));
        returned.ifPresent(kind -> exit.add(new ArgumentDescription(2, VALUE,
                ArgumentKind.javaType(Type.getReturnType(descriptor)), kind.tracerType, kind.passed())));
        return List.of(
                new ProbeDescription(entryProbe, methodName, entry,
                        Optional.of(new InstrumentedMethod(className, descriptor, InstrumentedMethod.Event.ENTRY))),
                new ProbeDescription(returnProbe, methodName, exit,
                        Optional.of(new InstrumentedMethod(className, descriptor, InstrumentedMethod.Event.RETURN))));
    }

    /** What the tracer reads of each argument of the entry probe. */
    List<TracerType> entryTypes() {
        return arguments.stream().map(a -> a.kind().tracerType).toList();
    }

    /** What the tracer reads of each argument of the return probe: ns, threw, and the value unless void. */
    List<TracerType> returnTypes() {
        List<TracerType> types = new ArrayList<>(List.of(TracerType.INT64, TracerType.STRING));
        returned.ifPresent(kind -> types.add(kind.tracerType));
        return types;
    }
}
