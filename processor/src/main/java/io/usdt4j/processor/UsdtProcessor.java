// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.google.auto.service.AutoService;
import io.usdt4j.Probe;
import io.usdt4j.UsdtProvider;
import io.usdt4j.contract.Causes;
import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
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
 * For each {@code @UsdtProvider} interface: validates it ({@link ProviderValidator}), prints the
 * {@link ValidationReport}, and from a valid model writes the Java provider class
 * ({@link JavaGenerator}) and the provider's {@link ResourceLayout.Output outputs}, each by its
 * {@link ResourceGenerator}: the C source of its native library (which usdt4j-maven-plugin
 * compiles), its probe description, a bpftrace script, for {@code jfr = true} JFR settings, and
 * for each platform its library, written in Java, and the library's digest.
 *
 * <p>Options: {@code -Ausdt4j.platforms=linux-x86_64,linux-aarch64} (or {@code all}, the
 * default) names the platforms whose libraries it writes; {@code -Ausdt4j.debug} makes a
 * {@code processor-failed} error carry the failure's stack trace, causes included.
 */
@AutoService(Processor.class)
public final class UsdtProcessor extends AbstractProcessor {
    /** {@code -Ausdt4j.debug} (or {@code =true}): show the stack trace of a failure of usdt4j itself. */
    static final String DEBUG_OPTION = "usdt4j.debug";
    /** {@code -Ausdt4j.platforms=linux-x86_64,linux-aarch64}: the platforms whose libraries the processor writes. */
    static final String PLATFORMS_OPTION = "usdt4j.platforms";

    /** Across rounds: two providers of one name in a compilation are an error on the second. */
    private final ProviderRegistry registry = new ProviderRegistry();
    /** Sees every report; for tests, which check the models the generators get. */
    private final Consumer<ValidationReport> observer;
    private ProviderValidator validator;
    private boolean debug;
    /** The platforms {@link #PLATFORMS_OPTION} names; every platform of the table by default. */
    private List<Platform> platforms;

    public UsdtProcessor() {
        this(report -> {});
    }

    UsdtProcessor(Consumer<ValidationReport> observer) {
        this.observer = observer;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        // @Probe is claimed too: it means something only inside a provider, read from there.
        return Set.of(UsdtProvider.class.getCanonicalName(), Probe.class.getCanonicalName());
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(DEBUG_OPTION, PLATFORMS_OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        Optional<String> platformsProblem;
        try {
            platforms = platforms(processingEnv.getOptions());
            platformsProblem = Optional.empty();
        } catch (IllegalArgumentException e) {
            platforms = List.of();
            platformsProblem = Optional.of(e.getMessage());
        }
        validator = new ProviderValidator(processingEnv.getElementUtils(), processingEnv.getTypeUtils(),
                new Origins(processingEnv), registry, platformsProblem.map(problem -> new ProviderValidator.OptionProblem(
                        PLATFORMS_OPTION, java.util.Objects.toString(processingEnv.getOptions().get(PLATFORMS_OPTION), ""), problem)));
        // -Ausdt4j.debug or -Ausdt4j.debug=true; not -Ausdt4j.debug=false.
        debug = processingEnv.getOptions().containsKey(DEBUG_OPTION)
                && !"false".equalsIgnoreCase(processingEnv.getOptions().get(DEBUG_OPTION));
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element element : round.getElementsAnnotatedWith(UsdtProvider.class)) {
            try {
                ValidationReport report = validator.validate(element);
                observer.accept(report);
                report.printTo(processingEnv.getMessager());
                Optional<ProviderModel> model = report.model();
                if (model.isPresent()) {
                    write(model.get());
                }
            } catch (RuntimeException | IOException | LinkageError e) {
                // A bug of usdt4j, or a file system failure: an error on the interface, not a javac stack trace.
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                        Message.PROCESSOR_FAILED.format(element, causes(e), details(e, debug)), element);
            }
        }
        return true;
    }

    /**
     * The platforms {@code -Ausdt4j.platforms} names ({@link PlatformId#parseTargets}), the
     * {@link Platform#defaults} without it.
     *
     * @throws IllegalArgumentException when it names none, or a platform usdt4j does not support
     */
    static List<Platform> platforms(Map<String, String> options) {
        if (!options.containsKey(PLATFORMS_OPTION)) {
            return Platform.defaults();
        }
        String value = options.get(PLATFORMS_OPTION);
        List<Platform> named = PlatformId.parseTargets(value == null ? List.of() : List.of(value));
        if (named.isEmpty()) {
            throw new IllegalArgumentException("it names no platform");
        }
        return named;
    }

    /** {@code java.io.IOException: x, caused by java.nio.file.AccessDeniedException: y}. */
    static String causes(Throwable failure) {
        return Causes.describe(failure, ", caused by ");
    }

    /** What follows the message: the stack trace and its causes under {@code -Ausdt4j.debug}, else how to get it. */
    static String details(Throwable failure, boolean debug) {
        if (!debug) {
            return " (-A" + DEBUG_OPTION + " shows its stack trace)";
        }
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return ". Stack trace:\n" + trace.toString().stripTrailing();
    }

    private void write(ProviderModel model) throws IOException {
        JavaGenerator.generate(model).writeTo(processingEnv.getFiler());
        for (ResourceGenerator.Resource resource : ResourceGenerator.generate(model, platforms)) {
            FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", resource.path(),
                    model.element());
            try (OutputStream out = file.openOutputStream()) {
                out.write(resource.content());
            }
        }
    }
}
