package io.usdt4j.processor;

import com.palantir.javapoet.ClassName;
import io.usdt4j.Probe;
import io.usdt4j.UsdtProvider;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Checks a {@code @UsdtProvider} element against every rule and builds its model. Reports each
 * violation as an error on the element at fault; returns a model only when there was none.
 */
final class ProviderValidator {
    /** usdt.h and sys/sdt.h both stop at twelve. */
    static final int MAX_ARGUMENTS = 12;
    static final int DEFAULT_MAX_STRING_BYTES = 255;

    private final Elements elements;
    private final Types types;
    private final Messager messager;
    private boolean valid;

    ProviderValidator(Elements elements, Types types, Messager messager) {
        this.elements = elements;
        this.types = types;
        this.messager = messager;
    }

    Optional<ProviderModel> validate(Element annotated) {
        valid = true;
        if (annotated.getKind() != ElementKind.INTERFACE) {
            error(annotated, Message.NOT_AN_INTERFACE, annotated, annotated.getKind().toString().toLowerCase());
            return Optional.empty();
        }
        TypeElement type = (TypeElement) annotated;
        if (!type.getTypeParameters().isEmpty()) {
            error(type, Message.GENERIC_INTERFACE, type.getQualifiedName());
        }
        String provider = providerName(type);

        Map<String, ExecutableElement> probeMethodsByProbeName = new HashMap<>();
        Map<String, ProbeModel> probesByMethodName = new LinkedHashMap<>();
        List<ExecutableElement> queryCandidates = new ArrayList<>();
        for (ExecutableElement method : abstractMethods(type)) {
            if (method.getReturnType().getKind() != TypeKind.VOID) {
                queryCandidates.add(method);
                continue;
            }
            probe(type, method).ifPresent(probe -> {
                ExecutableElement previous = probeMethodsByProbeName.putIfAbsent(probe.name(), method);
                if (previous != null) {
                    error(method, Message.DUPLICATE_PROBE_NAME, probe.name(), describe(previous));
                } else {
                    probesByMethodName.putIfAbsent(probe.methodName(), probe);
                }
            });
        }
        List<EnabledQuery> queries = new ArrayList<>();
        for (ExecutableElement method : queryCandidates) {
            enabledQuery(method, probesByMethodName).ifPresent(queries::add);
        }
        if (probeMethodsByProbeName.isEmpty() && valid) {
            error(type, Message.NO_PROBES, type.getQualifiedName());
        }
        if (!valid) {
            return Optional.empty();
        }
        return Optional.of(new ProviderModel(type, ClassName.get(type), generatedName(type), provider,
                DEFAULT_MAX_STRING_BYTES, List.copyOf(probesByMethodName.values()), List.copyOf(queries)));
    }

    private String providerName(TypeElement type) {
        String declared = type.getAnnotation(UsdtProvider.class).value();
        String name = declared.isEmpty() ? Names.lowerSnakeCase(type.getSimpleName().toString()) : declared;
        if (!Names.isCIdentifier(name)) {
            errorOnValue(type, UsdtProvider.class, Message.INVALID_PROVIDER_NAME, name, Names.MAX_IDENTIFIER_LENGTH);
        }
        return name;
    }

    private Optional<ProbeModel> probe(TypeElement provider, ExecutableElement method) {
        boolean ok = true;
        if (!method.getTypeParameters().isEmpty()) {
            ok = error(method, Message.GENERIC_METHOD, describe(method));
        }
        if (!method.getThrownTypes().isEmpty()) {
            ok = error(method, Message.THROWS_EXCEPTIONS, describe(method));
        }
        Probe probe = method.getAnnotation(Probe.class);
        String name = probe != null ? probe.value() : Names.lowerSnakeCase(method.getSimpleName().toString());
        if (!Names.isCIdentifier(name)) {
            ok = probe != null
                    ? errorOnValue(method, Probe.class, Message.INVALID_PROBE_NAME, name, Names.MAX_IDENTIFIER_LENGTH)
                    : error(method, Message.INVALID_PROBE_NAME, name, Names.MAX_IDENTIFIER_LENGTH);
        }
        // A method inherited from a generic superinterface has its type arguments filled in here.
        ExecutableType resolved = (ExecutableType) types.asMemberOf((DeclaredType) provider.asType(), method);
        List<? extends VariableElement> parameters = method.getParameters();
        List<ProbeModel.Argument> arguments = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            VariableElement parameter = parameters.get(i);
            TypeMirror type = resolved.getParameterTypes().get(i);
            if (i == MAX_ARGUMENTS) {
                ok = error(parameter, Message.TOO_MANY_ARGUMENTS,
                        describe(method), parameters.size(), MAX_ARGUMENTS, parameter.getSimpleName());
            }
            Optional<ArgumentType> argumentType = argumentType(type);
            if (argumentType.isEmpty()) {
                ok = error(parameter, Message.UNSUPPORTED_PARAMETER_TYPE, parameter.getSimpleName(), describe(method), type);
                continue;
            }
            arguments.add(new ProbeModel.Argument(parameter.getSimpleName().toString(), argumentType.get(), type));
        }
        return ok ? Optional.of(new ProbeModel(method, name, List.copyOf(arguments))) : Optional.empty();
    }

    private Optional<ArgumentType> argumentType(TypeMirror type) {
        switch (type.getKind()) {
            case BOOLEAN: return Optional.of(ArgumentType.BOOLEAN);
            case BYTE: return Optional.of(ArgumentType.BYTE);
            case SHORT: return Optional.of(ArgumentType.SHORT);
            case CHAR: return Optional.of(ArgumentType.CHAR);
            case INT: return Optional.of(ArgumentType.INT);
            case LONG: return Optional.of(ArgumentType.LONG);
            case DECLARED:
                TypeMirror string = elements.getTypeElement("java.lang.String").asType();
                return types.isSameType(type, string) ? Optional.of(ArgumentType.STRING) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private Optional<EnabledQuery> enabledQuery(ExecutableElement method, Map<String, ProbeModel> probesByMethodName) {
        String name = method.getSimpleName().toString();
        boolean shapedLikeQuery = method.getReturnType().getKind() == TypeKind.BOOLEAN
                && method.getParameters().isEmpty() && method.getTypeParameters().isEmpty()
                && method.getThrownTypes().isEmpty()
                && name.startsWith("is") && name.endsWith("Enabled") && name.length() > "isEnabled".length();
        if (!shapedLikeQuery) {
            error(method, Message.NOT_A_PROBE_OR_QUERY, describe(method), method.getReturnType());
            return Optional.empty();
        }
        for (ProbeModel probe : probesByMethodName.values()) {
            if (Names.enabledQueryName(probe.methodName()).equals(name)) {
                return Optional.of(new EnabledQuery(method, probe));
            }
        }
        String probeMethod = Character.toLowerCase(name.charAt(2)) + name.substring(3, name.length() - "Enabled".length());
        error(method, Message.QUERY_WITHOUT_PROBE, name, probeMethod);
        return Optional.empty();
    }

    /**
     * The methods the interface leaves abstract, its own and inherited, in declaration order, each
     * once: not those a default method overrides (in the interface or a more specific
     * superinterface), and one for the same method declared by two unrelated superinterfaces.
     */
    private List<ExecutableElement> abstractMethods(TypeElement type) {
        List<ExecutableElement> declared = new ArrayList<>();
        Set<TypeElement> visited = new HashSet<>();
        Deque<TypeElement> pending = new ArrayDeque<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            TypeElement current = pending.removeFirst();
            if (visited.add(current)) {
                declared.addAll(ElementFilter.methodsIn(current.getEnclosedElements()));
                for (TypeMirror superinterface : current.getInterfaces()) {
                    pending.addLast((TypeElement) types.asElement(superinterface));
                }
            }
        }
        List<ExecutableElement> methods = new ArrayList<>();
        for (ExecutableElement method : declared) {
            if (method.getModifiers().contains(Modifier.ABSTRACT)
                    && declared.stream().noneMatch(other -> other != method && elements.overrides(other, method, type))
                    && methods.stream().noneMatch(chosen -> sameSignature(type, chosen, method))) {
                methods.add(method);
            }
        }
        return methods;
    }

    /** Whether {@code a} and {@code b}, as members of {@code type}, are one method to an implementation. */
    private boolean sameSignature(TypeElement type, ExecutableElement a, ExecutableElement b) {
        DeclaredType site = (DeclaredType) type.asType();
        return a.getSimpleName().contentEquals(b.getSimpleName())
                && types.isSubsignature((ExecutableType) types.asMemberOf(site, a), (ExecutableType) types.asMemberOf(site, b));
    }

    /** {@code Outer.Inner} is implemented by {@code Outer_InnerUsdt}, a top-level class beside it. */
    static ClassName generatedName(TypeElement type) {
        ClassName interfaceName = ClassName.get(type);
        return ClassName.get(interfaceName.packageName(), String.join("_", interfaceName.simpleNames()) + "Usdt");
    }

    private static String describe(ExecutableElement method) {
        return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + "()";
    }

    /** Always false, so a caller can write {@code ok = error(...)}. */
    private boolean error(Element element, Message message, Object... arguments) {
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(arguments), element);
        valid = false;
        return false;
    }

    private boolean errorOnValue(Element element, Class<?> annotation, Message message, Object... arguments) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotation.getCanonicalName())) {
                for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues().entrySet()) {
                    if (entry.getKey().getSimpleName().contentEquals("value")) {
                        messager.printMessage(Diagnostic.Kind.ERROR, message.format(arguments), element, mirror, entry.getValue());
                        valid = false;
                        return false;
                    }
                }
                messager.printMessage(Diagnostic.Kind.ERROR, message.format(arguments), element, mirror);
                valid = false;
                return false;
            }
        }
        return error(element, message, arguments);
    }
}
