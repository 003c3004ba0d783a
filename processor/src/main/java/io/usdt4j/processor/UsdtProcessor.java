package io.usdt4j.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.Trees;
import io.usdt4j.Probe;
import io.usdt4j.UsdtProvider;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * For each {@code @UsdtProvider} interface: validates it, then writes the Java provider class,
 * the C source of its native library ({@code META-INF/usdt4j/src/<provider>.c} in the class
 * output, where usdt4j-maven-plugin compiles it), its probe description
 * ({@code META-INF/usdt4j/<provider>.json}) and a bpftrace script ({@code META-INF/usdt4j/<provider>.bt}).
 */
@AutoService(Processor.class)
public final class UsdtProcessor extends AbstractProcessor {
    /** Across rounds: two providers of one name in a compilation are an error on the second. */
    private final Map<String, TypeElement> providers = new HashMap<>();
    private Predicate<Element> hasSource = element -> true;
    private java.util.function.Function<Element, String> sourceFileName = element -> null;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        // @Probe is claimed too: it means something only inside a provider, read from there.
        return Set.of(UsdtProvider.class.getCanonicalName(), Probe.class.getCanonicalName());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        try {
            Trees trees = Trees.instance(processingEnv);
            hasSource = element -> trees.getPath(element) != null;
            sourceFileName = element -> {
                com.sun.source.util.TreePath path = trees.getPath(element);
                if (path == null) {
                    return null;
                }
                String uri = path.getCompilationUnit().getSourceFile().toUri().getPath();
                return uri == null ? null : uri.substring(uri.lastIndexOf('/') + 1);
            };
        } catch (RuntimeException | LinkageError e) {
            // Not javac (or its tree API is not visible): report every error on its own element.
        }
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        ProviderValidator validator = new ProviderValidator(processingEnv.getElementUtils(), processingEnv.getTypeUtils(),
                processingEnv.getMessager(), hasSource, this::origin, providers);
        for (Element element : round.getElementsAnnotatedWith(UsdtProvider.class)) {
            try {
                Optional<ProviderModel> model = validator.validate(element);
                if (model.isPresent()) {
                    write(model.get());
                }
            } catch (RuntimeException | IOException | LinkageError e) {
                // A bug of usdt4j, or a file system failure: an error on the interface, not a javac stack trace.
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                        Message.PROCESSOR_FAILED.format(element, e), element);
            }
        }
        return true;
    }

    /** Whether the generated class may carry @Generated, and the interface's source file. */
    private ProviderModel.Origin origin(TypeElement type) {
        javax.lang.model.util.Elements elements = processingEnv.getElementUtils();
        javax.lang.model.element.ModuleElement module = elements.getModuleOf(type);
        boolean generatedAnnotation = module == null || module.isUnnamed()
                ? elements.getTypeElement(JavaGenerator.GENERATED.canonicalName()) != null
                : reads(module, "java.compiler", new java.util.HashSet<>());
        String file = sourceFileName.apply(type);
        String packageName = elements.getPackageOf(type).getQualifiedName().toString();
        String sourcePath = file == null ? null
                : packageName.isEmpty() ? file : packageName.replace('.', '/') + "/" + file;
        return new ProviderModel.Origin(generatedAnnotation, sourcePath);
    }

    /** A named module reads {@code target} if it requires it, or requires a module that requires it transitively. */
    private static boolean reads(javax.lang.model.element.ModuleElement module, String target, Set<String> seen) {
        for (javax.lang.model.element.ModuleElement.RequiresDirective requires
                : javax.lang.model.util.ElementFilter.requiresIn(module.getDirectives())) {
            javax.lang.model.element.ModuleElement required = requires.getDependency();
            String name = required.getQualifiedName().toString();
            if (name.equals(target)) {
                return true;
            }
            if (seen.add(name) && exportsTransitively(required, target, new java.util.HashSet<>())) {
                return true;
            }
        }
        return false;
    }

    /** Whether reading {@code module} implies reading {@code target}: a chain of requires transitive. */
    private static boolean exportsTransitively(javax.lang.model.element.ModuleElement module, String target,
            Set<String> seen) {
        for (javax.lang.model.element.ModuleElement.RequiresDirective requires
                : javax.lang.model.util.ElementFilter.requiresIn(module.getDirectives())) {
            if (!requires.isTransitive()) {
                continue;
            }
            String name = requires.getDependency().getQualifiedName().toString();
            if (name.equals(target) || (seen.add(name) && exportsTransitively(requires.getDependency(), target, seen))) {
                return true;
            }
        }
        return false;
    }

    private void write(ProviderModel model) throws IOException {
        JavaGenerator.generate(model).writeTo(processingEnv.getFiler());
        writeResource(model, CGenerator.sourcePath(model), CGenerator.generate(model));
        writeResource(model, DescriptionGenerator.path(model), DescriptionGenerator.generate(model));
        writeResource(model, BpftraceGenerator.path(model), BpftraceGenerator.generate(model));
    }

    private void writeResource(ProviderModel model, String path, String content) throws IOException {
        FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", path, model.element());
        try (Writer writer = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
            writer.write(content);
        }
    }
}
