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
import java.util.function.Predicate;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
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
import javax.tools.Diagnostic;

/**
 * Checks a {@code @UsdtProvider} element against every rule and builds its model. Reports each
 * violation as an error on the element at fault; returns a model only when there was none.
 */
final class ProviderValidator {
    /** usdt.h and sys/sdt.h both stop at twelve. */
    static final int MAX_ARGUMENTS = 12;
    /**
     * The range of {@code @UsdtProvider(maxStringBytes)}. The C side copies each string argument
     * into a stack buffer of the limit plus its NUL: at most one 4 KiB page per argument, 48 KiB
     * for twelve, well inside any thread stack.
     */
    static final int MIN_STRING_BYTES = 1;
    static final int MAX_STRING_BYTES = 4095;

    private static final Map<String, ArgumentType> BOXES = Map.of(
            "java.lang.Boolean", ArgumentType.BOOLEAN,
            "java.lang.Byte", ArgumentType.BYTE,
            "java.lang.Short", ArgumentType.SHORT,
            "java.lang.Character", ArgumentType.CHAR,
            "java.lang.Integer", ArgumentType.INT,
            "java.lang.Long", ArgumentType.LONG);
    private static final Set<String> FLOATING_POINT_BOXES = Set.of("java.lang.Float", "java.lang.Double");

    private final Elements elements;
    private final Types types;
    private final Messager messager;
    private final Predicate<Element> hasSource;
    private final java.util.function.Function<TypeElement, ProviderModel.Origin> origins;
    /** Every valid provider so far in this compilation, by provider name, across rounds. */
    private final Map<String, TypeElement> providers;
    private TypeElement current;
    private boolean valid;

    /**
     * @param hasSource whether javac can point at an element: false for one read from a class
     *     file, such as a method inherited from a compiled superinterface
     */
    ProviderValidator(Elements elements, Types types, Messager messager, Predicate<Element> hasSource,
                      java.util.function.Function<TypeElement, ProviderModel.Origin> origins,
                      Map<String, TypeElement> providers) {
        this.origins = origins;
        this.elements = elements;
        this.types = types;
        this.messager = messager;
        this.hasSource = hasSource;
        this.providers = providers;
    }

    Optional<ProviderModel> validate(Element annotated) {
        valid = true;
        if (annotated.getKind() != ElementKind.INTERFACE) {
            error(annotated, Message.NOT_AN_INTERFACE, annotated, kindWithArticle(annotated.getKind()));
            return Optional.empty();
        }
        TypeElement type = (TypeElement) annotated;
        current = type;
        checkAccessible(type);
        checkGeneratedNameFree(type);
        if (!type.getTypeParameters().isEmpty()) {
            error(type, Message.GENERIC_INTERFACE, type.getQualifiedName());
        }
        String provider = providerName(type);
        int maxStringBytes = maxStringBytes(type);

        Map<String, ExecutableElement> probeMethodsByProbeName = new HashMap<>();
        Map<String, ProbeModel> probesByMethodName = new LinkedHashMap<>();
        Set<String> probeMethodNames = new HashSet<>();
        List<ExecutableElement> queryCandidates = new ArrayList<>();
        for (ExecutableElement method : abstractMethods(type)) {
            if (method.getReturnType().getKind() != TypeKind.VOID) {
                queryCandidates.add(method);
                continue;
            }
            probeMethodNames.add(method.getSimpleName().toString());
            probe(type, method).ifPresent(probe -> {
                ExecutableElement previous = probeMethodsByProbeName.putIfAbsent(probe.name(), method);
                if (previous != null) {
                    error(method, Message.DUPLICATE_PROBE_NAME, probe.name(), describe(method), describe(previous));
                } else {
                    probesByMethodName.putIfAbsent(probe.methodName(), probe);
                }
            });
        }
        List<EnabledQuery> queries = new ArrayList<>();
        for (ExecutableElement method : queryCandidates) {
            enabledQuery(method, probesByMethodName, probeMethodNames).ifPresent(queries::add);
        }
        if (probeMethodNames.isEmpty() && valid) {
            error(type, Message.NO_PROBES, type.getQualifiedName());
        }
        if (!valid) {
            return Optional.empty();
        }
        TypeElement previous = providers.putIfAbsent(provider, type);
        if (previous != null && !previous.equals(type)) {
            errorOnValue(type, UsdtProvider.class, "value", Message.DUPLICATE_PROVIDER_NAME, provider, previous.getQualifiedName());
            return Optional.empty();
        }
        return Optional.of(new ProviderModel(type, ClassName.get(type), generatedName(type), provider,
                maxStringBytes, List.copyOf(probesByMethodName.values()), List.copyOf(queries), memberTypeNames(type),
                origins.apply(type)));
    }

    /**
     * A class the user wrote under the generated name. (One on the class path, say from the last
     * build, is fine: the generated one replaces it.)
     */
    private void checkGeneratedNameFree(TypeElement type) {
        ClassName generated = generatedName(type);
        TypeElement existing = elements.getTypeElement(generated.canonicalName());
        if (existing != null && hasSource.test(existing) && !generatedByUs(existing)) {
            error(type, Message.GENERATED_CLASS_EXISTS, generated.canonicalName(), type.getQualifiedName());
        }
    }

    private static boolean generatedByUs(TypeElement type) {
        javax.annotation.processing.Generated generated = type.getAnnotation(javax.annotation.processing.Generated.class);
        return generated != null && List.of(generated.value()).contains(UsdtProcessor.class.getName());
    }

    private Set<String> memberTypeNames(TypeElement type) {
        Set<String> names = new java.util.TreeSet<>();
        for (TypeElement member : ElementFilter.typesIn(elements.getAllMembers(type))) {
            names.add(member.getSimpleName().toString());
        }
        return names;
    }

    /** The generated class sits beside the interface, as a top-level class of its package. */
    private void checkAccessible(TypeElement type) {
        if (type.getNestingKind() == NestingKind.LOCAL) {
            error(type, Message.INACCESSIBLE_INTERFACE, type.getSimpleName(), "local", generatedName(type).simpleName());
            return;
        }
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                String where = e == type ? "private" : "nested in private " + ((TypeElement) e).getQualifiedName();
                error(type, Message.INACCESSIBLE_INTERFACE, type.getQualifiedName(), where, generatedName(type).simpleName());
                return;
            }
        }
    }

    private String providerName(TypeElement type) {
        String declared = type.getAnnotation(UsdtProvider.class).value();
        String name = declared.isEmpty() ? Names.lowerSnakeCase(type.getSimpleName().toString()) : declared;
        if (!Names.isCIdentifier(name)) {
            errorOnValue(type, UsdtProvider.class, "value", Message.INVALID_PROVIDER_NAME, name, Names.MAX_IDENTIFIER_LENGTH);
        }
        return name;
    }

    private int maxStringBytes(TypeElement type) {
        int limit = type.getAnnotation(UsdtProvider.class).maxStringBytes();
        if (limit < MIN_STRING_BYTES || limit > MAX_STRING_BYTES) {
            // As strings: MessageFormat would print 4095 as "4,095".
            errorOnValue(type, UsdtProvider.class, "maxStringBytes", Message.INVALID_MAX_STRING_BYTES,
                    Integer.toString(limit), Integer.toString(MIN_STRING_BYTES), Integer.toString(MAX_STRING_BYTES));
        }
        return limit;
    }

    private static String kindWithArticle(ElementKind kind) {
        switch (kind) {
            case ENUM: return "an enum";
            case ANNOTATION_TYPE: return "an annotation type";
            case CLASS: return "a class";
            default: return "a " + kind.toString().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private Optional<ProbeModel> probe(TypeElement provider, ExecutableElement method) {
        boolean ok = true;
        if (!method.getTypeParameters().isEmpty()) {
            ok = error(method, Message.GENERIC_METHOD, describe(method));
        }
        if (!method.getThrownTypes().isEmpty()) {
            ok = error(method, Message.THROWS_EXCEPTIONS, describe(method));
        }
        if (overridesProtectedObjectMethod(method)) {
            ok = error(method, Message.OVERRIDES_OBJECT_METHOD, describe(method), method.getSimpleName());
        }
        Probe probe = method.getAnnotation(Probe.class);
        String name = probe != null ? probe.value() : Names.lowerSnakeCase(method.getSimpleName().toString());
        if (!Names.isCIdentifier(name)) {
            ok = probe != null
                    ? errorOnValue(method, Probe.class, "value", Message.INVALID_PROBE_NAME, name, Names.MAX_IDENTIFIER_LENGTH, describe(method))
                    : error(method, Message.INVALID_PROBE_NAME, name, Names.MAX_IDENTIFIER_LENGTH, describe(method));
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
            Optional<ProbeModel.Argument> argument = argument(parameter, type);
            if (argument.isPresent()) {
                arguments.add(argument.get());
            } else if (isFloatingPoint(type)) {
                ok = error(parameter, Message.FLOATING_POINT_PARAMETER, parameter.getSimpleName(), describe(method), simpleTypeName(type));
            } else if (type.getKind() != TypeKind.TYPEVAR || method.getTypeParameters().isEmpty()) {
                // (a method type variable is already a generic-method error)
                ok = error(parameter, Message.UNSUPPORTED_PARAMETER_TYPE, parameter.getSimpleName(), describe(method), simpleTypeName(type));
            }
        }
        return ok ? Optional.of(new ProbeModel(method, name, List.copyOf(arguments))) : Optional.empty();
    }

    /** The argument a parameter of {@code type} passes, if it is one of the supported types. */
    private Optional<ProbeModel.Argument> argument(VariableElement parameter, TypeMirror type) {
        String name = parameter.getSimpleName().toString();
        ArgumentType primitive = switch (type.getKind()) {
            case BOOLEAN -> ArgumentType.BOOLEAN;
            case BYTE -> ArgumentType.BYTE;
            case SHORT -> ArgumentType.SHORT;
            case CHAR -> ArgumentType.CHAR;
            case INT -> ArgumentType.INT;
            case LONG -> ArgumentType.LONG;
            default -> null;
        };
        if (primitive != null) {
            // From the kind, not toString(), which would carry type annotations (@Nullable int).
            String keyword = type.getKind().name().toLowerCase(java.util.Locale.ROOT);
            return Optional.of(new ProbeModel.Argument(name, primitive, ProbeModel.Conversion.NONE, type, keyword, keyword));
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        TypeElement element = (TypeElement) types.asElement(type);
        String display = element.getSimpleName().toString();
        String qualified = element.getQualifiedName().toString();
        ArgumentType boxed = BOXES.get(element.getQualifiedName().toString());
        if (boxed != null) {
            return Optional.of(new ProbeModel.Argument(name, boxed, ProbeModel.Conversion.UNBOX, type, display, qualified));
        }
        // An enum that is also a CharSequence passes its name, as every enum does.
        if (element.getKind() == ElementKind.ENUM) {
            return Optional.of(new ProbeModel.Argument(name, ArgumentType.STRING, ProbeModel.Conversion.ENUM_NAME, type, display, qualified));
        }
        TypeMirror charSequence = elements.getTypeElement("java.lang.CharSequence").asType();
        if (types.isAssignable(type, charSequence)) {
            return Optional.of(new ProbeModel.Argument(name, ArgumentType.STRING, ProbeModel.Conversion.CHARACTERS, type, display, qualified));
        }
        return Optional.empty();
    }

    private boolean isFloatingPoint(TypeMirror type) {
        return switch (type.getKind()) {
            case FLOAT, DOUBLE -> true;
            case DECLARED -> FLOATING_POINT_BOXES.contains(((TypeElement) types.asElement(type)).getQualifiedName().toString());
            default -> false;
        };
    }

    /** {@code probeMethodNames}: every void method, valid or not, so that an invalid probe's query adds no error. */
    private Optional<EnabledQuery> enabledQuery(ExecutableElement method, Map<String, ProbeModel> probesByMethodName,
                                                Set<String> probeMethodNames) {
        String name = method.getSimpleName().toString();
        boolean shapedLikeQuery = method.getReturnType().getKind() == TypeKind.BOOLEAN
                && method.getParameters().isEmpty() && method.getTypeParameters().isEmpty()
                && method.getThrownTypes().isEmpty()
                && name.startsWith("is") && name.endsWith("Enabled") && name.length() > "isEnabled".length();
        if (!shapedLikeQuery) {
            error(method, Message.NOT_A_PROBE_OR_QUERY, describe(method), simpleTypeName(method.getReturnType()));
            return Optional.empty();
        }
        for (ProbeModel probe : probesByMethodName.values()) {
            if (Names.enabledQueryName(probe.methodName()).equals(name)) {
                return Optional.of(new EnabledQuery(method, probe));
            }
        }
        String probeMethod = Character.toLowerCase(name.charAt(2)) + name.substring(3, name.length() - "Enabled".length());
        if (probeMethodNames.stream().noneMatch(probe -> Names.enabledQueryName(probe).equals(name))) {
            error(method, Message.QUERY_WITHOUT_PROBE, describe(method), probeMethod + "(...)");
        }
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
            TypeElement next = pending.removeFirst();
            if (visited.add(next)) {
                declared.addAll(ElementFilter.methodsIn(next.getEnclosedElements()));
                for (TypeMirror superinterface : next.getInterfaces()) {
                    pending.addLast((TypeElement) types.asElement(superinterface));
                }
            }
        }
        for (ExecutableElement method : declared) {
            // The generated class inherits abstract and default methods; its own members all have a $.
            boolean inherited = !method.getModifiers().contains(Modifier.STATIC) && !method.getModifiers().contains(Modifier.PRIVATE);
            if (inherited && method.getSimpleName().toString().contains("$")) {
                error(method, Message.DOLLAR_IN_METHOD_NAME, describe(method));
            }
        }
        List<ExecutableElement> methods = new ArrayList<>();
        for (ExecutableElement method : declared) {
            if (method.getModifiers().contains(Modifier.ABSTRACT)
                    && !redeclaresObjectMethod(method)
                    && declared.stream().noneMatch(other -> other != method && elements.overrides(other, method, type))
                    && methods.stream().noneMatch(chosen -> sameSignature(type, chosen, method))) {
                methods.add(method);
            }
        }
        return methods;
    }

    /**
     * {@code String toString();} and the like: every class implements those already, so they are
     * no probes (the generated class inherits Object's).
     */
    private boolean redeclaresObjectMethod(ExecutableElement method) {
        TypeElement object = elements.getTypeElement("java.lang.Object");
        for (ExecutableElement objectMethod : ElementFilter.methodsIn(object.getEnclosedElements())) {
            if (objectMethod.getModifiers().contains(Modifier.PUBLIC)
                    && objectMethod.getSimpleName().contentEquals(method.getSimpleName())
                    && types.isSubsignature((ExecutableType) method.asType(), (ExecutableType) objectMethod.asType())) {
                return true;
            }
        }
        return false;
    }

    /** {@code void clone()} or {@code void finalize()}: the generated class would override Object's. */
    private boolean overridesProtectedObjectMethod(ExecutableElement method) {
        TypeElement object = elements.getTypeElement("java.lang.Object");
        for (ExecutableElement objectMethod : ElementFilter.methodsIn(object.getEnclosedElements())) {
            if (objectMethod.getModifiers().contains(Modifier.PROTECTED)
                    && objectMethod.getSimpleName().contentEquals(method.getSimpleName())
                    && types.isSubsignature((ExecutableType) method.asType(), (ExecutableType) objectMethod.asType())) {
                return true;
            }
        }
        return false;
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
        return ClassName.get(interfaceName.packageName(), io.usdt4j.contract.GeneratedNames.generatedSimpleName(interfaceName.simpleNames()));
    }

    /** {@code Probes.fired(int, String)}: the parameter types tell overloads apart. */
    private static String describe(ExecutableElement method) {
        StringBuilder out = new StringBuilder()
                .append(method.getEnclosingElement().getSimpleName()).append('.').append(method.getSimpleName()).append('(');
        List<? extends VariableElement> parameters = method.getParameters();
        for (int i = 0; i < parameters.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(simpleTypeName(parameters.get(i).asType()));
        }
        return out.append(')').toString();
    }

    /** {@code java.util.List<java.lang.String>} → {@code List<String>}: names as the reader wrote them. */
    static String simpleTypeName(TypeMirror type) {
        return type.toString().replaceAll("\\b(?:[a-z_$][\\w$]*\\.)+(?=[A-Za-z_$])", "");
    }

    /**
     * Always false, so a caller can write {@code ok = error(...)}. An element javac cannot point at,
     * such as a method of a compiled superinterface, is reported on the provider, whose message names it.
     */
    private boolean error(Element element, Message message, Object... arguments) {
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(arguments), at(element));
        valid = false;
        return false;
    }

    private Element at(Element element) {
        return current != null && !hasSource.test(element) ? current : element;
    }

    /** An error on the value of {@code annotation}'s element {@code name}, or on the annotation when it is implicit. */
    private boolean errorOnValue(Element element, Class<?> annotation, String name, Message message, Object... arguments) {
        if (!hasSource.test(element)) {
            return error(element, message, arguments);
        }
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotation.getCanonicalName())) {
                for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues().entrySet()) {
                    if (entry.getKey().getSimpleName().contentEquals(name)) {
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
