package io.usdt4j.processor;

import com.google.auto.service.AutoService;
import io.usdt4j.UsdtProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * For each {@code @UsdtProvider} interface: validates it, then writes the Java provider class
 * and the C source of its native library ({@code META-INF/usdt4j/src/<provider>.c} in the class
 * output, where usdt4j-maven-plugin compiles it).
 */
@AutoService(Processor.class)
public final class UsdtProcessor extends AbstractProcessor {

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(UsdtProvider.class.getCanonicalName());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        ProviderValidator validator = new ProviderValidator(
                processingEnv.getElementUtils(), processingEnv.getTypeUtils(), processingEnv.getMessager());
        for (Element element : round.getElementsAnnotatedWith(UsdtProvider.class)) {
            try {
                Optional<ProviderModel> model = validator.validate(element);
                if (model.isPresent()) {
                    write(model.get());
                }
            } catch (RuntimeException | IOException e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                        Message.PROCESSOR_FAILED.format(element, e) + "\n" + trace, element);
            }
        }
        return true;
    }

    private void write(ProviderModel model) throws IOException {
        JavaGenerator.generate(model).writeTo(processingEnv.getFiler());
        FileObject source = processingEnv.getFiler().createResource(
                StandardLocation.CLASS_OUTPUT, "", CGenerator.sourcePath(model), model.element());
        try (Writer writer = new java.io.OutputStreamWriter(source.openOutputStream(), StandardCharsets.UTF_8)) {
            writer.write(CGenerator.generate(model));
        }
    }
}
