// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.usdt4j.contract.GeneratedNames;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.annotation.processing.Generated;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Name>Usdt}: the interface's implementation. It lays the class out, and each of
 * the provider's {@link ProviderSink sinks} fills in its part of every place.
 */
final class JavaGenerator {
    private JavaGenerator() {}

    static JavaFile generate(ProviderModel model) {
        List<ProviderSink> sinks = ProviderSink.of(model);
        TypeSpec.Builder type = TypeSpec.classBuilder(model.generatedName())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(model.interfaceName())
                .addOriginatingElement(model.element());
        sinks.forEach(sink -> type.addJavadoc(sink.javadoc(model)));
        type.addJavadoc("\n<p>Probes, as tracers name them, with their arguments in order ({@code arg0} first):\n<ul>\n");
        for (ProbeModel probe : model.probes()) {
            type.addJavadoc("  <li>{@code $L:$L($L)}\n", model.provider(), probe.name(),
                    probe.arguments().stream().map(ProbeModel.Argument::name).collect(Collectors.joining(", ")));
        }
        type.addJavadoc("</ul>\n");
        if (model.origin().generatedAnnotation()) { // a named module that does not read java.compiler goes without
            type.addAnnotation(AnnotationSpec.builder(Generated.class).addMember("value", "$S", GeneratedNames.GENERATOR).build());
        }
        // A member type of the interface, inherited by this class, would hide an imported type of that name.
        type.alwaysQualify(model.memberTypeNames().toArray(String[]::new));

        type.addFields(each(sinks, sink -> sink.fields(model)));
        type.addField(FieldSpec.builder(model.interfaceName(), GeneratedNames.INSTANCE, Modifier.PUBLIC, Modifier.STATIC,
                        Modifier.FINAL)
                .initializer("$N.publish(new $T())", GeneratedNames.BINDING, model.generatedName())
                .addJavadoc("The provider; its probes do nothing if the native library could not be loaded.\n")
                .build());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (ProbeModel probe : model.probes()) {
            type.addMethod(probeMethod(model, probe, sinks));
        }
        for (EnabledQuery query : model.enabledQueries()) {
            type.addMethod(enabledQuery(model, query, sinks));
        }
        type.addMethods(each(sinks, sink -> sink.methods(model)));
        type.addMethods(each(sinks, sink -> sink.helperMethods(model)));
        type.addTypes(each(sinks, sink -> sink.types(model)));

        return JavaFile.builder(model.generatedName().packageName(), type.build())
                .skipJavaLangImports(true)
                .build();
    }

    /** The parts of every sink, in the sinks' order. */
    private static <T> List<T> each(List<ProviderSink> sinks, Function<ProviderSink, List<T>> part) {
        return sinks.stream().flatMap(sink -> part.apply(sink).stream()).toList();
    }

    /**
     * A probe method keeps the interface's parameter names, which may hide any field or type it
     * named ({@code Semaphores}, {@code SEMAPHORES}, even {@code java}); so its body, each sink's
     * part in turn, calls only methods, whose names no variable can hide.
     */
    private static MethodSpec probeMethod(ProviderModel model, ProbeModel probe, List<ProviderSink> sinks) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(probe.methodName())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Fires {@code $L:$L}", model.provider(), probe.name());
        if (!probe.arguments().isEmpty()) {
            method.addJavadoc(" with");
        }
        for (int i = 0; i < probe.arguments().size(); i++) {
            ProbeModel.Argument argument = probe.arguments().get(i);
            method.addParameter(ParameterSpec.builder(TypeName.get(argument.javaType()), argument.name()).build());
            method.addJavadoc(" {@code arg$L} = {@code $L}$L", i, argument.name(),
                    i + 1 < probe.arguments().size() ? "," : "");
        }
        method.addJavadoc(".\n");
        sinks.forEach(sink -> method.addCode(sink.probeBody(model, probe)));
        return method.build();
    }

    /** {@code boolean is<Probe>Enabled()}: true while any sink wants the probe. */
    private static MethodSpec enabledQuery(ProviderModel model, EnabledQuery query, List<ProviderSink> sinks) {
        List<ProviderSink.Condition> conditions = sinks.stream().map(sink -> sink.enabled(model, query.probe())).toList();
        return MethodSpec.methodBuilder(query.methodName())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.BOOLEAN)
                .addJavadoc("True while $L.\n", CodeBlock.join(conditions.stream().map(ProviderSink.Condition::description).toList(), ", or "))
                .addStatement("return $L", CodeBlock.join(conditions.stream().map(ProviderSink.Condition::test).toList(), " || "))
                .build();
    }
}
