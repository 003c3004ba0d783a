// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.Generated;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Where an element comes from, as far as usdt4j needs to know: whether javac has its source (so
 * can point at it), its source file, and what its module reads.
 */
final class Origins {
    private static final String JAVA_COMPILER_MODULE = "java.compiler";
    private static final String JFR_MODULE = "jdk.jfr";
    private static final String JFR_EVENT = "jdk.jfr.Event";

    private final Elements elements;
    /** Null when the compiler is not javac, or its tree API is not visible: then every element has source. */
    private final Trees trees;

    Origins(ProcessingEnvironment processingEnv) {
        this.elements = processingEnv.getElementUtils();
        Trees found;
        try {
            found = Trees.instance(processingEnv);
        } catch (RuntimeException | LinkageError e) {
            found = null;
        }
        this.trees = found;
    }

    /** Whether javac can point at {@code element}: false for one read from a class file. */
    boolean hasSource(Element element) {
        return trees == null || trees.getPath(element) != null;
    }

    /** Whether the generated class may carry {@code @Generated}, and the interface's source file. */
    ProviderModel.Origin of(TypeElement type) {
        ModuleElement module = elements.getModuleOf(type);
        boolean generatedAnnotation = module == null || module.isUnnamed()
                ? elements.getTypeElement(Generated.class.getCanonicalName()) != null
                : reads(module, JAVA_COMPILER_MODULE, new HashSet<>());
        String file = sourceFileName(type);
        String packageName = elements.getPackageOf(type).getQualifiedName().toString();
        String sourcePath = file == null ? null
                : packageName.isEmpty() ? file : packageName.replace('.', '/') + "/" + file;
        return new ProviderModel.Origin(generatedAnnotation, sourcePath);
    }

    /**
     * Why the generated class of {@code type} could not define JFR events, or empty when it can: its
     * named module does not read {@code jdk.jfr}, or (on the class path) the compilation has no
     * {@code jdk.jfr.Event}.
     */
    java.util.Optional<String> whyNoJfr(TypeElement type) {
        ModuleElement module = elements.getModuleOf(type);
        if (module != null && !module.isUnnamed()) {
            return reads(module, JFR_MODULE, new HashSet<>()) ? java.util.Optional.empty()
                    : java.util.Optional.of("module " + module.getQualifiedName() + " does not read " + JFR_MODULE);
        }
        return elements.getTypeElement(JFR_EVENT) != null ? java.util.Optional.empty()
                : java.util.Optional.of("this compilation has no " + JFR_EVENT + " (module " + JFR_MODULE + ")");
    }

    /** {@code ShopProbes.java}, or null when the compiler does not say. */
    private String sourceFileName(Element element) {
        TreePath path = trees == null ? null : trees.getPath(element);
        if (path == null) {
            return null;
        }
        String uri = path.getCompilationUnit().getSourceFile().toUri().getPath();
        return uri == null ? null : uri.substring(uri.lastIndexOf('/') + 1);
    }

    /** A named module reads {@code target} if it requires it, or requires a module that requires it transitively. */
    private static boolean reads(ModuleElement module, String target, Set<String> seen) {
        for (ModuleElement.RequiresDirective requires : ElementFilter.requiresIn(module.getDirectives())) {
            ModuleElement required = requires.getDependency();
            String name = required.getQualifiedName().toString();
            if (name.equals(target)) {
                return true;
            }
            if (seen.add(name) && exportsTransitively(required, target, new HashSet<>())) {
                return true;
            }
        }
        return false;
    }

    /** Whether reading {@code module} implies reading {@code target}: a chain of requires transitive. */
    private static boolean exportsTransitively(ModuleElement module, String target, Set<String> seen) {
        for (ModuleElement.RequiresDirective requires : ElementFilter.requiresIn(module.getDirectives())) {
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
}
