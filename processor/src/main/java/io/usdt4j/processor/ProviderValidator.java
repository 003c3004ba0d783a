// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.palantir.javapoet.ClassName;
import io.usdt4j.Probe;
import io.usdt4j.UsdtProvider;
import io.usdt4j.contract.GeneratedNames;
import io.usdt4j.contract.Limits;
import io.usdt4j.contract.UsdtNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.Generated;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks a {@code @UsdtProvider} element against every rule of {@link Message} and returns a
 * {@link ValidationReport}: the errors, or the provider's model when there is none. It writes
 * nothing and prints nothing. Collecting the methods ({@link InterfaceMethods}), mapping the
 * parameter types ({@link ArgumentTypeMapper}), naming ({@link Names}, {@link UsdtNames}), the
 * bounds ({@link Limits}) and the provider names of the compilation ({@link ProviderRegistry})
 * each live apart; this class applies the rules.
 */
final class ProviderValidator {
    /** Where a Javadoc comment's block tags start: a line that begins with {@code @}. */
    private static final java.util.regex.Pattern BLOCK_TAG = java.util.regex.Pattern.compile("(?m)^\\s*@");

    private final Elements elements;
    private final Types types;
    private final Origins origins;
    private final ProviderRegistry registry;
    private final InterfaceMethods methods;
    private final ArgumentTypeMapper argumentTypes;
    private final Optional<OptionProblem> optionProblem;

    /**
     * A processor option ({@code -A}) whose value is wrong: every provider gets the error, since
     * none can be built as asked.
     *
     * @param option its name, {@code usdt4j.platforms}
     * @param value its value as given
     * @param problem what is wrong with it
     */
    record OptionProblem(String option, String value, String problem) {}

    ProviderValidator(Elements elements, Types types, Origins origins, ProviderRegistry registry) {
        this(elements, types, origins, registry, Optional.empty());
    }

    ProviderValidator(Elements elements, Types types, Origins origins, ProviderRegistry registry,
            Optional<OptionProblem> optionProblem) {
        this.optionProblem = optionProblem;
        this.elements = elements;
        this.types = types;
        this.origins = origins;
        this.registry = registry;
        this.methods = new InterfaceMethods(elements, types);
        this.argumentTypes = new ArgumentTypeMapper(elements, types);
    }

    ValidationReport validate(Element annotated) {
        ValidationReport.Builder report = new ValidationReport.Builder(annotated, origins::hasSource);
        if (annotated.getKind() != ElementKind.INTERFACE) {
            return report.error(annotated, Message.NOT_AN_INTERFACE, annotated, Readable.kindWithArticle(annotated.getKind()))
                    .build();
        }
        TypeElement type = (TypeElement) annotated;
        checkAccessible(type, report);
        checkGeneratedNameFree(type, report);
        if (!type.getTypeParameters().isEmpty()) {
            report.error(type, Message.GENERIC_INTERFACE, type.getQualifiedName());
        }
        optionProblem.ifPresent(problem -> report.error(type, Message.INVALID_PLATFORMS, problem.option(), problem.value(),
                problem.problem(), type.getQualifiedName()));
        String provider = providerName(type, report);
        int maxStringBytes = maxStringBytes(type, report);
        boolean jfr = type.getAnnotation(UsdtProvider.class).jfr();
        if (jfr) {
            origins.whyNoJfr(type).ifPresent(why -> report.errorOnValue(type, UsdtProvider.class, "jfr",
                    Message.JFR_MODULE_NOT_READ, type.getQualifiedName(), why));
        }

        InterfaceMethods.Collected collected = methods.collect(type);
        for (ExecutableElement method : collected.inherited()) {
            // The generated class inherits these; its own members all have the marker.
            if (method.getSimpleName().toString().indexOf(GeneratedNames.MEMBER_MARKER) >= 0) {
                report.error(method, Message.DOLLAR_IN_METHOD_NAME, Readable.method(method));
            }
        }
        List<ProbeModel> probes = new ArrayList<>();
        Set<String> probeMethodNames = new HashSet<>();
        for (ExecutableElement method : collected.probeCandidates()) {
            probeMethodNames.add(method.getSimpleName().toString());
            probe(type, method, jfr, report).ifPresent(probe -> {
                Optional<ProbeModel> previous = probes.stream().filter(p -> p.name().equals(probe.name())).findFirst();
                if (previous.isPresent()) {
                    report.error(method, Message.DUPLICATE_PROBE_NAME, probe.name(), Readable.method(method),
                            Readable.method(previous.get().method()));
                } else {
                    probes.add(probe);
                }
            });
        }
        List<EnabledQuery> queries = new ArrayList<>();
        for (ExecutableElement method : collected.queryCandidates()) {
            enabledQuery(method, probes, probeMethodNames, report).ifPresent(queries::add);
        }
        if (probeMethodNames.isEmpty() && report.isClean()) {
            report.error(type, Message.NO_PROBES, type.getQualifiedName());
        }
        if (!report.isClean()) {
            return report.build();
        }
        Optional<TypeElement> other = registry.claim(provider, type);
        if (other.isPresent()) {
            return report.errorOnValue(type, UsdtProvider.class, "value", Message.DUPLICATE_PROVIDER_NAME, provider,
                    other.get().getQualifiedName()).build();
        }
        return report.build(new ProviderModel(type, ClassName.get(type), Names.generatedName(type), provider,
                maxStringBytes, List.copyOf(probes), List.copyOf(queries), memberTypeNames(type), origins.of(type), jfr));
    }

    /** The generated class sits beside the interface, as a top-level class of its package. */
    private void checkAccessible(TypeElement type, ValidationReport.Builder report) {
        String generated = Names.generatedName(type).simpleName();
        if (type.getNestingKind() == NestingKind.LOCAL) {
            report.error(type, Message.INACCESSIBLE_INTERFACE, type.getSimpleName(), "local", generated);
            return;
        }
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                String where = e == type ? "private" : "nested in private " + ((TypeElement) e).getQualifiedName();
                report.error(type, Message.INACCESSIBLE_INTERFACE, type.getQualifiedName(), where, generated);
                return;
            }
        }
    }

    /**
     * A class the user wrote under the generated name. (One on the class path, say from the last
     * build, is fine: the generated one replaces it.)
     */
    private void checkGeneratedNameFree(TypeElement type, ValidationReport.Builder report) {
        ClassName generated = Names.generatedName(type);
        TypeElement existing = elements.getTypeElement(generated.canonicalName());
        if (existing != null && origins.hasSource(existing) && !generatedByUs(existing)) {
            report.error(type, Message.GENERATED_CLASS_EXISTS, generated.canonicalName(), type.getQualifiedName());
        }
    }

    private static boolean generatedByUs(TypeElement type) {
        Generated generated = type.getAnnotation(Generated.class);
        return generated != null && List.of(generated.value()).contains(GeneratedNames.GENERATOR);
    }

    private static String providerName(TypeElement type, ValidationReport.Builder report) {
        String declared = type.getAnnotation(UsdtProvider.class).value();
        String name = declared.isEmpty() ? Names.lowerSnakeCase(type.getSimpleName().toString()) : declared;
        if (!UsdtNames.isValid(name)) {
            report.errorOnValue(type, UsdtProvider.class, "value", Message.INVALID_PROVIDER_NAME, name,
                    UsdtNames.MAX_LENGTH);
        }
        return name;
    }

    private static int maxStringBytes(TypeElement type, ValidationReport.Builder report) {
        int limit = type.getAnnotation(UsdtProvider.class).maxStringBytes();
        if (!Limits.isMaxStringBytes(limit)) {
            // As strings: MessageFormat would print 4095 as "4,095".
            report.errorOnValue(type, UsdtProvider.class, "maxStringBytes", Message.INVALID_MAX_STRING_BYTES,
                    Integer.toString(limit), Integer.toString(Limits.MIN_STRING_BYTES),
                    Integer.toString(Limits.MAX_STRING_BYTES));
        }
        return limit;
    }

    /** Simple names of the member types the interface declares or inherits: the generated class inherits them too. */
    private Set<String> memberTypeNames(TypeElement type) {
        Set<String> names = new TreeSet<>();
        for (TypeElement member : ElementFilter.typesIn(elements.getAllMembers(type))) {
            names.add(member.getSimpleName().toString());
        }
        return names;
    }

    /** The probe of a void method, or empty when it breaks a rule. */
    private Optional<ProbeModel> probe(TypeElement provider, ExecutableElement method, boolean jfr,
                                       ValidationReport.Builder report) {
        int errors = report.errorCount();
        String described = Readable.method(method);
        if (!method.getTypeParameters().isEmpty()) {
            report.error(method, Message.GENERIC_METHOD, described);
        }
        if (!method.getThrownTypes().isEmpty()) {
            report.error(method, Message.THROWS_EXCEPTIONS, described);
        }
        if (methods.overridesProtectedObjectMethod(method)) {
            report.error(method, Message.OVERRIDES_OBJECT_METHOD, described, method.getSimpleName());
        }
        Probe annotation = method.getAnnotation(Probe.class);
        String name = annotation != null ? annotation.value() : Names.lowerSnakeCase(method.getSimpleName().toString());
        if (!UsdtNames.isValid(name)) {
            report.errorOnValue(method, Probe.class, "value", Message.INVALID_PROBE_NAME, name, UsdtNames.MAX_LENGTH,
                    described);
        }
        // A method inherited from a generic superinterface has its type arguments filled in here.
        ExecutableType resolved = (ExecutableType) types.asMemberOf((DeclaredType) provider.asType(), method);
        List<? extends VariableElement> parameters = method.getParameters();
        List<ProbeModel.Argument> arguments = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            VariableElement parameter = parameters.get(i);
            TypeMirror type = resolved.getParameterTypes().get(i);
            if (i == Limits.MAX_ARGUMENTS) {
                report.error(parameter, Message.TOO_MANY_ARGUMENTS, described, parameters.size(), Limits.MAX_ARGUMENTS,
                        parameter.getSimpleName());
            }
            if (jfr && GeneratedNames.JFR_RESERVED_FIELDS.contains(parameter.getSimpleName().toString())) {
                report.error(parameter, Message.JFR_RESERVED_FIELD_NAME, parameter.getSimpleName(), described,
                        String.join(", ", new TreeSet<>(GeneratedNames.JFR_RESERVED_FIELDS)));
            }
            Optional<ProbeModel.Argument> argument = argumentTypes.argument(parameter.getSimpleName().toString(), type);
            if (argument.isPresent()) {
                arguments.add(argument.get());
            } else if (argumentTypes.isFloatingPoint(type)) {
                report.error(parameter, Message.FLOATING_POINT_PARAMETER, parameter.getSimpleName(), described,
                        Readable.type(type));
            } else if (type.getKind() != TypeKind.TYPEVAR || method.getTypeParameters().isEmpty()) {
                // (a method type variable is already a generic-method error)
                report.error(parameter, Message.UNSUPPORTED_PARAMETER_TYPE, parameter.getSimpleName(), described,
                        Readable.type(type));
            }
        }
        return report.errorCount() == errors
                ? Optional.of(new ProbeModel(method, name, List.copyOf(arguments), description(method)))
                : Optional.empty();
    }

    /** The main description of the method's Javadoc (before its first block tag), on one line; null without one. */
    private String description(ExecutableElement method) {
        String doc = elements.getDocComment(method);
        if (doc == null) {
            return null;
        }
        java.util.regex.Matcher tag = BLOCK_TAG.matcher(doc);
        String main = (tag.find() ? doc.substring(0, tag.start()) : doc).strip();
        StringBuilder line = new StringBuilder();
        for (String word : main.split("\\s+")) {
            if (!word.isEmpty()) {
                line.append(line.length() == 0 ? "" : " ").append(word);
            }
        }
        return line.length() == 0 ? null : line.toString();
    }

    /**
     * The query of a non-void method, or empty when it is none. {@code probeMethodNames} holds every
     * void method, valid or not, so that the query of an invalid probe adds no second error.
     */
    private static Optional<EnabledQuery> enabledQuery(ExecutableElement method, List<ProbeModel> probes,
                                                       Set<String> probeMethodNames, ValidationReport.Builder report) {
        String name = method.getSimpleName().toString();
        Optional<String> probeMethod = Names.probeMethodOfQuery(name);
        boolean shapedLikeQuery = method.getReturnType().getKind() == TypeKind.BOOLEAN
                && method.getParameters().isEmpty() && method.getTypeParameters().isEmpty()
                && method.getThrownTypes().isEmpty() && probeMethod.isPresent();
        if (!shapedLikeQuery) {
            report.error(method, Message.NOT_A_PROBE_OR_QUERY, Readable.method(method), Readable.type(method.getReturnType()));
            return Optional.empty();
        }
        for (ProbeModel probe : probes) {
            if (Names.enabledQueryName(probe.methodName()).equals(name)) {
                return Optional.of(new EnabledQuery(method, probe));
            }
        }
        if (probeMethodNames.stream().noneMatch(probe -> Names.enabledQueryName(probe).equals(name))) {
            report.error(method, Message.QUERY_WITHOUT_PROBE, Readable.method(method), probeMethod.get() + "(...)");
        }
        return Optional.empty();
    }
}
