// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.usdt4j.contract.GeneratedNames;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.internal.JfrEvents;
import javax.lang.model.element.Modifier;

/**
 * The JFR part of a {@code jfr = true} provider class. The provider class itself names no
 * {@code jdk.jfr} type: it keeps {@code JFR$} (may this JVM touch JFR at all?) and calls static
 * methods of its nested class {@code Jfr$}, which holds the event classes and is loaded only once
 * {@code JFR$} is true. {@code Jfr$} asks {@code FlightRecorder.isInitialized()}, a static field,
 * before it touches an event class: initializing one brings up JFR's internals, which a JVM that
 * records nothing must not pay for. So untraced, a probe reads its semaphore and that field.
 */
final class JfrGenerator {
    private static final String PACKAGE = "jdk.jfr";
    private static final ClassName EVENT = ClassName.get(PACKAGE, "Event");
    private static final ClassName FLIGHT_RECORDER = ClassName.get(PACKAGE, "FlightRecorder");
    private static final ClassName NAME = ClassName.get(PACKAGE, "Name");
    private static final ClassName LABEL = ClassName.get(PACKAGE, "Label");
    private static final ClassName CATEGORY = ClassName.get(PACKAGE, "Category");
    private static final ClassName DESCRIPTION = ClassName.get(PACKAGE, "Description");
    private static final ClassName ENABLED = ClassName.get(PACKAGE, "Enabled");
    private static final ClassName STACK_TRACE = ClassName.get(PACKAGE, "StackTrace");

    private JfrGenerator() {}

    /** {@code private static final boolean JFR$}, after the binding: a missing jdk.jfr warns after the USDT warning. */
    static void addAvailability(TypeSpec.Builder type, ProviderModel model) {
        type.addField(FieldSpec.builder(TypeName.BOOLEAN, GeneratedNames.JFR_AVAILABLE, Modifier.PRIVATE, Modifier.STATIC,
                        Modifier.FINAL)
                .initializer("$T.available($T.class, $S)", JfrEvents.class, model.generatedName(), model.provider())
                .build());
    }

    /** An is-enabled query: either tracer wants the probe. */
    static void queryBody(MethodSpec.Builder method, ProviderModel model, ProbeModel probe) {
        method.addJavadoc("True while a tracer is attached to {@code $L:$L}, or a JFR recording enables event {@code $L}.\n",
                        model.provider(), probe.name(), probe.jfrEventName(model.provider()))
                .addStatement("return $N() || $N()", probe.activeMethodName(), GeneratedNames.jfrEnabledMethod(probe.name()));
    }

    /** After the probe's USDT guard: commit its event while a recording enables it. */
    static void addCommit(MethodSpec.Builder method, ProbeModel probe) {
        CodeBlock.Builder call = CodeBlock.builder().add("$N(", GeneratedNames.jfrCommitMethod(probe.name()));
        for (int i = 0; i < probe.arguments().size(); i++) {
            call.add(i == 0 ? "$N" : ", $N", probe.arguments().get(i).name());
        }
        method.beginControlFlow("if ($N())", GeneratedNames.jfrEnabledMethod(probe.name()))
                .addStatement(call.add(")").build())
                .endControlFlow();
    }

    /**
     * The provider class's {@code jfr$<probe>()} and {@code commit$<probe>(...)}, which reach into
     * {@code Jfr$}. The latter's parameters are {@code arg0...}: the interface's names could hide
     * {@code Jfr$}, which a call names as an expression.
     */
    static void addMethods(TypeSpec.Builder type, ProviderModel model) {
        for (ProbeModel probe : model.probes()) {
            type.addMethod(MethodSpec.methodBuilder(GeneratedNames.jfrEnabledMethod(probe.name()))
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(TypeName.BOOLEAN)
                    .addStatement("return $N && $N.$N()", GeneratedNames.JFR_AVAILABLE, GeneratedNames.JFR_CLASS,
                            GeneratedNames.jfrEnabledMethod(probe.name()))
                    .build());
        }
        for (ProbeModel probe : model.probes()) {
            MethodSpec.Builder commit = MethodSpec.methodBuilder(GeneratedNames.jfrCommitMethod(probe.name()))
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC);
            type.addMethod(commit.addStatement("$N.$N($L)", GeneratedNames.JFR_CLASS, GeneratedNames.jfrCommitMethod(probe.name()),
                    indexedParameters(commit, probe)).build());
        }
    }

    /** Adds the probe's parameters to {@code method} as {@code arg0...}; returns them as call arguments. */
    private static CodeBlock indexedParameters(MethodSpec.Builder method, ProbeModel probe) {
        CodeBlock.Builder arguments = CodeBlock.builder();
        for (int i = 0; i < probe.arguments().size(); i++) {
            method.addParameter(TypeName.get(probe.arguments().get(i).javaType()), "arg" + i);
            arguments.add(i == 0 ? "arg$L" : ", arg$L", i);
        }
        return arguments.build();
    }

    /** {@code Jfr$}: its event classes, one event of each to ask whether it is enabled, and the commits. */
    static TypeSpec jfrClass(ProviderModel model) {
        TypeSpec.Builder jfr = TypeSpec.classBuilder(GeneratedNames.JFR_CLASS)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The provider's JFR events; the only class here that names {@code jdk.jfr}, loaded once $N is true.\n",
                        GeneratedNames.JFR_AVAILABLE)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        TypeSpec.Builder probes = TypeSpec.classBuilder(GeneratedNames.JFR_PROBES)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("One event of each probe, never committed; initialized only once JFR is.\n")
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (ProbeModel probe : model.probes()) {
            ClassName event = eventClassName(model, probe);
            probes.addField(FieldSpec.builder(event, GeneratedNames.jfrEventField(probe.name()), Modifier.STATIC, Modifier.FINAL)
                    .initializer("new $T()", event).build());
            jfr.addMethod(MethodSpec.methodBuilder(GeneratedNames.jfrEnabledMethod(probe.name()))
                    .addModifiers(Modifier.STATIC)
                    .returns(TypeName.BOOLEAN)
                    .addStatement("return $T.isInitialized() && $N.$N.isEnabled()", FLIGHT_RECORDER, GeneratedNames.JFR_PROBES,
                            GeneratedNames.jfrEventField(probe.name()))
                    .build());
            MethodSpec.Builder commit = MethodSpec.methodBuilder(GeneratedNames.jfrCommitMethod(probe.name()))
                    .addModifiers(Modifier.STATIC);
            // A type, not an expression: no parameter name can hide the event class.
            jfr.addMethod(commit.addStatement("new $T($L).commit()", event, indexedParameters(commit, probe)).build());
        }
        jfr.addType(probes.build());
        for (ProbeModel probe : model.probes()) {
            jfr.addType(eventClass(model, probe));
        }
        return jfr.build();
    }

    private static ClassName eventClassName(ProviderModel model, ProbeModel probe) {
        return model.generatedName().nestedClass(GeneratedNames.JFR_CLASS).nestedClass(GeneratedNames.jfrEventClass(probe.name()));
    }

    /**
     * The provider's JFR settings, {@link ResourceLayout#jfrSettings}: every event enabled, without
     * stack traces, at any duration. Probe and provider names are C identifiers: nothing to escape.
     */
    static String settings(ProviderModel model) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!-- Generated by usdt4j: the JFR events of provider ").append(model.provider())
                .append(" (").append(model.interfaceName().canonicalName()).append(").\n")
                .append("     java -XX:StartFlightRecording:settings=default,settings=<this file> ...\n")
                .append("     jcmd <pid> JFR.start settings=default settings=<this file> -->\n")
                .append("<configuration version=\"2.0\" label=\"usdt4j ").append(model.provider())
                .append("\" description=\"Enables every usdt4j event of provider ").append(model.provider())
                .append("\" provider=\"usdt4j\">\n");
        for (ProbeModel probe : model.probes()) {
            out.append("  <event name=\"").append(probe.jfrEventName(model.provider())).append("\">\n")
                    .append("    <setting name=\"enabled\">true</setting>\n")
                    .append("    <setting name=\"stackTrace\">false</setting>\n")
                    .append("    <setting name=\"threshold\">0 ms</setting>\n")
                    .append("  </event>\n");
        }
        return out.append("</configuration>\n").toString();
    }

    /**
     * {@code usdt4j.<provider>.<probe>}: off and without stack traces unless settings say so, one
     * field per argument, named after the parameter.
     */
    private static TypeSpec eventClass(ProviderModel model, ProbeModel probe) {
        TypeSpec.Builder event = TypeSpec.classBuilder(GeneratedNames.jfrEventClass(probe.name()))
                .addModifiers(Modifier.STATIC, Modifier.FINAL)
                .superclass(EVENT)
                .addJavadoc("JFR event {@code $L}, committed by {@code $L}.\n", probe.jfrEventName(model.provider()),
                        probe.javaSignature())
                .addAnnotation(AnnotationSpec.builder(NAME).addMember("value", "$S", probe.jfrEventName(model.provider())).build())
                .addAnnotation(AnnotationSpec.builder(LABEL).addMember("value", "$S", probe.name()).build())
                .addAnnotation(AnnotationSpec.builder(CATEGORY)
                        .addMember("value", "{$S, $S}", GeneratedNames.JFR_NAMESPACE, model.provider()).build());
        if (probe.description() != null) {
            event.addAnnotation(AnnotationSpec.builder(DESCRIPTION).addMember("value", "$S", probe.description()).build());
        }
        event.addAnnotation(AnnotationSpec.builder(ENABLED).addMember("value", "false").build())
                .addAnnotation(AnnotationSpec.builder(STACK_TRACE).addMember("value", "false").build());
        event.addMethod(MethodSpec.constructorBuilder().build());
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
        for (ProbeModel.Argument argument : probe.arguments()) {
            TypeName fieldType = argument.jfrFieldType();
            event.addField(FieldSpec.builder(fieldType, argument.name()).build());
            constructor.addParameter(ParameterSpec.builder(TypeName.get(argument.javaType()), argument.name()).build());
            constructor.addStatement("this.$N = $L", argument.name(), fieldValue(argument));
        }
        if (!probe.arguments().isEmpty()) {
            event.addMethod(constructor.build());
        }
        return event.build();
    }

    /** The exact value: not cut to maxStringBytes, null a null string, a null box 0 (or false), as in USDT. */
    private static CodeBlock fieldValue(ProbeModel.Argument argument) {
        String name = argument.name();
        return switch (argument.conversion()) {
            case NONE -> CodeBlock.of("$N", name);
            case UNBOX -> argument.type() == ArgumentType.BOOLEAN ? CodeBlock.of("$N != null && $N", name, name)
                    : CodeBlock.of("$N == null ? 0 : $N", name, name);
            case CHARACTERS -> argument.qualifiedType().equals(String.class.getName()) ? CodeBlock.of("$N", name)
                    : CodeBlock.of("$N == null ? null : $N.toString()", name, name);
            case ENUM_NAME -> CodeBlock.of("$N == null ? null : $N.name()", name, name);
        };
    }
}
