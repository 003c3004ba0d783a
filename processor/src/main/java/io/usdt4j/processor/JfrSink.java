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
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The JFR part of a {@code jfr = true} provider class, and its JFR settings. The provider class
 * itself names no {@code jdk.jfr} type: it keeps {@code JFR$} (may this JVM touch JFR at all?) and
 * calls static methods of its nested class {@code Jfr$}, which holds the event classes and is
 * loaded only once {@code JFR$} is true. {@code Jfr$} asks {@code FlightRecorder.isInitialized()},
 * a static field, before it touches an event class: initializing one brings up JFR's internals,
 * which a JVM that records nothing must not pay for. So untraced, a probe reads its semaphore
 * and that field.
 */
final class JfrSink implements ProviderSink {
    static final JfrSink INSTANCE = new JfrSink();

    private static final String PACKAGE = "jdk.jfr";
    private static final ClassName EVENT = ClassName.get(PACKAGE, "Event");
    private static final ClassName FLIGHT_RECORDER = ClassName.get(PACKAGE, "FlightRecorder");
    private static final ClassName NAME = ClassName.get(PACKAGE, "Name");
    private static final ClassName LABEL = ClassName.get(PACKAGE, "Label");
    private static final ClassName CATEGORY = ClassName.get(PACKAGE, "Category");
    private static final ClassName DESCRIPTION = ClassName.get(PACKAGE, "Description");
    private static final ClassName ENABLED = ClassName.get(PACKAGE, "Enabled");
    private static final ClassName STACK_TRACE = ClassName.get(PACKAGE, "StackTrace");

    private JfrSink() {}

    @Override
    public CodeBlock javadoc(ProviderModel model) {
        return CodeBlock.of("\n<p>{@code jfr = true}: each probe also commits JFR event {@code $L} while a\n"
                        + "recording enables it ({@code $L} enables them all).\n",
                GeneratedNames.jfrEventName(model.provider(), "<probe>"), ResourceLayout.jfrSettings(model.provider()));
    }

    /** {@code private static final boolean JFR$}, after the binding: a missing jdk.jfr warns after the USDT warning. */
    @Override
    public List<FieldSpec> fields(ProviderModel model) {
        return List.of(FieldSpec.builder(TypeName.BOOLEAN, GeneratedNames.JFR_AVAILABLE, Modifier.PRIVATE, Modifier.STATIC,
                        Modifier.FINAL)
                .initializer("$T.available($T.class, $S)", JfrEvents.class, model.generatedName(), model.provider())
                .build());
    }

    /** After the USDT guard: commit the probe's event while a recording enables it. */
    @Override
    public CodeBlock probeBody(ProviderModel model, ProbeModel probe) {
        CodeBlock.Builder call = CodeBlock.builder().add("$N(", GeneratedNames.ProbeMember.JFR_COMMIT_METHOD.of(probe.name()));
        for (int i = 0; i < probe.arguments().size(); i++) {
            call.add(i == 0 ? "$N" : ", $N", probe.arguments().get(i).name());
        }
        return CodeBlock.builder()
                .beginControlFlow("if ($N())", GeneratedNames.ProbeMember.JFR_ENABLED_METHOD.of(probe.name()))
                .addStatement(call.add(")").build())
                .endControlFlow()
                .build();
    }

    @Override
    public Condition enabled(ProviderModel model, ProbeModel probe) {
        return new Condition(CodeBlock.of("$N()", GeneratedNames.ProbeMember.JFR_ENABLED_METHOD.of(probe.name())),
                CodeBlock.of("a JFR recording enables event {@code $L}", probe.jfrEventName(model.provider())));
    }

    /**
     * The provider class's {@code jfr$<probe>()} and {@code commit$<probe>(...)}, which reach into
     * {@code Jfr$}. The latter's parameters are {@code arg0...}: the interface's names could hide
     * {@code Jfr$}, which a call names as an expression.
     */
    @Override
    public List<MethodSpec> methods(ProviderModel model) {
        List<MethodSpec> methods = new ArrayList<>();
        for (ProbeModel probe : model.probes()) {
            methods.add(MethodSpec.methodBuilder(GeneratedNames.ProbeMember.JFR_ENABLED_METHOD.of(probe.name()))
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(TypeName.BOOLEAN)
                    .addStatement("return $N && $N.$N()", GeneratedNames.JFR_AVAILABLE, GeneratedNames.JFR_CLASS,
                            GeneratedNames.ProbeMember.JFR_ENABLED_METHOD.of(probe.name()))
                    .build());
        }
        for (ProbeModel probe : model.probes()) {
            MethodSpec.Builder commit = MethodSpec.methodBuilder(GeneratedNames.ProbeMember.JFR_COMMIT_METHOD.of(probe.name()))
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC);
            methods.add(commit.addStatement("$N.$N($L)", GeneratedNames.JFR_CLASS, GeneratedNames.ProbeMember.JFR_COMMIT_METHOD.of(probe.name()),
                    indexedParameters(commit, probe)).build());
        }
        return methods;
    }

    /** None: the events take the arguments as declared. */
    @Override
    public List<MethodSpec> helperMethods(ProviderModel model) {
        return List.of();
    }

    @Override
    public List<TypeSpec> types(ProviderModel model) {
        return List.of(jfrClass(model));
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
    private static TypeSpec jfrClass(ProviderModel model) {
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
            probes.addField(FieldSpec.builder(event, GeneratedNames.ProbeMember.JFR_EVENT_FIELD.of(probe.name()), Modifier.STATIC, Modifier.FINAL)
                    .initializer("new $T()", event).build());
            jfr.addMethod(MethodSpec.methodBuilder(GeneratedNames.ProbeMember.JFR_ENABLED_METHOD.of(probe.name()))
                    .addModifiers(Modifier.STATIC)
                    .returns(TypeName.BOOLEAN)
                    .addStatement("return $T.isInitialized() && $N.$N.isEnabled()", FLIGHT_RECORDER, GeneratedNames.JFR_PROBES,
                            GeneratedNames.ProbeMember.JFR_EVENT_FIELD.of(probe.name()))
                    .build());
            MethodSpec.Builder commit = MethodSpec.methodBuilder(GeneratedNames.ProbeMember.JFR_COMMIT_METHOD.of(probe.name()))
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
        return model.generatedName().nestedClass(GeneratedNames.JFR_CLASS).nestedClass(GeneratedNames.ProbeMember.JFR_EVENT_CLASS.of(probe.name()));
    }

    /**
     * The provider's JFR settings, {@link ResourceLayout.Output#JFR_SETTINGS}: every event enabled,
     * without stack traces, at any duration. Probe and provider names are C identifiers: nothing to
     * escape.
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
     * field per argument, named after the parameter, holding exactly what was passed (each kind
     * says how: a null box is 0, as in USDT; a string is not cut to maxStringBytes).
     */
    private static TypeSpec eventClass(ProviderModel model, ProbeModel probe) {
        TypeSpec.Builder event = TypeSpec.classBuilder(GeneratedNames.ProbeMember.JFR_EVENT_CLASS.of(probe.name()))
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
            event.addField(FieldSpec.builder(argument.type().jfrFieldType(), argument.name()).build());
            constructor.addParameter(ParameterSpec.builder(TypeName.get(argument.javaType()), argument.name()).build());
            constructor.addStatement("this.$N = $L", argument.name(), argument.type().jfrValue(argument.name()));
        }
        if (!probe.arguments().isEmpty()) {
            event.addMethod(constructor.build());
        }
        return event.build();
    }
}
