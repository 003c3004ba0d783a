// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.description.DescriptionCodec;
import io.usdt4j.description.MalformedDescriptionException;
import io.usdt4j.description.ProviderDescription;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The probe descriptions ({@link ResourceLayout#description}) in one class output, read with
 * {@link DescriptionCodec} as the plugin's manifest: a provider is current when the sources still declare it, and every other file
 * under {@link ResourceLayout#ROOT} is stale.
 *
 * <p>A description is current when (a) the interface is still declared, and (b) it is the newest
 * description of its interface, since a renamed provider leaves the old name's description behind
 * and the processor wrote the new one later. Still declared, since with incremental compilation off
 * Maven leaves the outputs of deleted sources behind, means: the interface's source file (the
 * description's {@code source}) is in one of the source roots; or, for an interface compiled from
 * Kotlin (its class file carries {@code kotlin.Metadata}), whose {@code source} is a stub that kapt
 * wrote outside the source roots, its generated class's source is in one of them, in the
 * directory kapt writes anew at each run; or the description names no source.
 */
final class ProviderManifest {
    private static final String NOT_DESCRIBED = "no current provider's description names it";

    /** One {@code META-INF/usdt4j/<provider>.json} and when it was written. */
    private record Written(ProviderDescription description, FileTime time) {}

    /** A file under {@link ResourceLayout#ROOT} that was not current, and why. */
    record Removal(String file, String reason) {}

    /** A description that usdt4j did not write, or that is damaged, or two it cannot order. */
    static final class InvalidDescriptionException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidDescriptionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path classes;
    private final List<ProviderDescription> current;
    /** Why each stale description's provider is stale, by provider. */
    private final Map<String, String> staleProviders;

    private ProviderManifest(Path classes, List<ProviderDescription> current, Map<String, String> staleProviders) {
        this.classes = classes;
        this.current = current;
        this.staleProviders = staleProviders;
    }

    /**
     * Reads every description in {@code classes} and decides which are current.
     *
     * @param sourceRoots the source roots the class output was compiled from
     */
    static ProviderManifest read(Path classes, List<Path> sourceRoots) throws IOException, InvalidDescriptionException {
        List<Written> descriptions = new ArrayList<>();
        Path root = classes.resolve(ResourceLayout.ROOT);
        if (Files.isDirectory(root)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(root, "*" + ResourceLayout.DESCRIPTION_SUFFIX)) {
                for (Path file : files) {
                    if (Files.isRegularFile(file)) {
                        descriptions.add(new Written(parse(classes, file), Files.getLastModifiedTime(file)));
                    }
                }
            }
        }
        Map<String, String> stale = new TreeMap<>();
        Map<String, List<Written>> byInterface = new TreeMap<>();
        for (Written written : descriptions) {
            ProviderDescription description = written.description();
            if (description.source().isPresent() && !declared(classes, description, sourceRoots)) {
                stale.put(description.provider(), "provider '" + description.provider() + "' is gone: "
                        + description.interfaceName() + "'s source " + description.source().get()
                        + " is in none of the source roots " + sourceRoots);
            } else {
                byInterface.computeIfAbsent(description.interfaceName(), i -> new ArrayList<>()).add(written);
            }
        }
        List<ProviderDescription> current = new ArrayList<>();
        for (List<Written> candidates : byInterface.values()) {
            candidates.sort(Comparator.comparing(Written::time).reversed()
                    .thenComparing(w -> w.description().provider()));
            Written newest = candidates.get(0);
            if (candidates.size() > 1 && candidates.get(1).time().equals(newest.time())) {
                throw new InvalidDescriptionException("The descriptions of providers '" + newest.description().provider()
                        + "' and '" + candidates.get(1).description().provider() + "' both name "
                        + newest.description().interfaceName() + " and were written at the same time, so usdt4j cannot"
                        + " tell which is current: rebuild with mvn clean", null);
            }
            current.add(newest.description());
            for (Written older : candidates.subList(1, candidates.size())) {
                stale.put(older.description().provider(), "provider '" + older.description().provider() + "' was renamed: "
                        + newest.description().interfaceName() + " is now provider '" + newest.description().provider() + "'");
            }
        }
        current.sort(Comparator.comparing(ProviderDescription::provider));
        return new ProviderManifest(classes, List.copyOf(current), stale);
    }

    private static ProviderDescription parse(Path classes, Path file) throws IOException, InvalidDescriptionException {
        String relative = relative(classes, file);
        ProviderDescription description;
        try {
            description = DescriptionCodec.read(Files.readAllBytes(file));
        } catch (MalformedDescriptionException e) {
            throw invalid(relative, e.getMessage(), e);
        }
        if (!ResourceLayout.description(description.provider()).equals(relative)) {
            throw invalid(relative, "it describes provider '" + description.provider() + "', whose description is "
                    + ResourceLayout.description(description.provider()), null);
        }
        return description;
    }

    private static InvalidDescriptionException invalid(String file, String problem, Throwable cause) {
        return new InvalidDescriptionException(file + " is not a probe description usdt4j wrote: " + problem + ". "
                + ResourceLayout.ROOT + " belongs to usdt4j: remove the file from your resources, or rebuild with mvn clean",
                cause);
    }

    /**
     * Whether the sources still declare the interface: its source is in a source root, or it is a
     * Kotlin interface whose generated class's source is ({@link ProviderManifest}).
     */
    private static boolean declared(Path classes, ProviderDescription description, List<Path> sourceRoots) throws IOException {
        if (inSourceRoots(description.source().get(), sourceRoots)) {
            return true;
        }
        return isKotlin(classes, description.interfaceName())
                && inSourceRoots(description.className().replace('.', '/') + ".java", sourceRoots);
    }

    /** The bytes by which kotlinc marks a class it compiled: the descriptor of its {@code @kotlin.Metadata}. */
    private static final byte[] KOTLIN_METADATA = "Lkotlin/Metadata;".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** A class file larger than this is not an interface kotlinc compiled for usdt4j: read no further. */
    private static final long MAX_CLASS_FILE = 1 << 20;

    /**
     * Whether the class file of {@code interfaceName} (canonical, so {@code a.B.C} may be
     * {@code a/B/C.class} or the nested {@code a/B$C.class}) in {@code classes} carries Kotlin's metadata.
     */
    private static boolean isKotlin(Path classes, String interfaceName) throws IOException {
        String binary = interfaceName;
        while (true) {
            Path file = classes.resolve(binary.replace('.', '/') + ".class");
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) <= MAX_CLASS_FILE) {
                return contains(Files.readAllBytes(file), KOTLIN_METADATA);
            }
            int dot = binary.lastIndexOf('.');
            if (dot < 0) {
                return false;
            }
            binary = binary.substring(0, dot) + "$" + binary.substring(dot + 1);
        }
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean inSourceRoots(String source, List<Path> sourceRoots) {
        for (Path root : sourceRoots) {
            if (Files.isRegularFile(root.resolve(source))) {
                return true;
            }
        }
        return false;
    }

    /** The current providers' descriptions, by provider name. */
    List<ProviderDescription> current() {
        return current;
    }

    /**
     * Every file a current provider has when built for {@code platforms}: what the processor wrote
     * ({@link ResourceLayout#generatedResources}), its JFR settings when it has {@code jfr = true},
     * and one library with its digest per platform.
     */
    Set<String> expectedFiles(Collection<PlatformId> platforms) {
        Set<String> expected = new HashSet<>();
        for (ProviderDescription description : current) {
            expected.addAll(filesOf(description.provider(), platforms, description.jfr()));
        }
        return expected;
    }

    private static List<String> filesOf(String provider, Collection<PlatformId> platforms, boolean jfr) {
        return ResourceLayout.generatedResources(provider, jfr, platforms);
    }

    /**
     * Deletes every file under {@link ResourceLayout#ROOT} that is not one of a current
     * provider's files for {@code platforms}, then the directories left empty.
     *
     * @return what was removed and why, in path order
     */
    List<Removal> removeStale(Collection<PlatformId> platforms) throws IOException {
        Path root = classes.resolve(ResourceLayout.ROOT);
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        Set<String> expected = expectedFiles(platforms);
        Map<String, String> known = knownStaleFiles(platforms);
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();   // children before their directory
        }
        List<Removal> removals = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                if (isEmpty(path)) {
                    Files.delete(path);
                }
                continue;
            }
            String relative = relative(classes, path);
            if (!expected.contains(relative)) {
                Files.delete(path);
                removals.add(new Removal(relative, known.getOrDefault(relative, NOT_DESCRIBED)));
            }
        }
        removals.sort(Comparator.comparing(Removal::file));
        return removals;
    }

    /**
     * Why the stale files that usdt4j can name are stale: each stale provider's files, and the
     * current providers' libraries for platforms this build does not build, for every platform
     * that has a library directory.
     */
    private Map<String, String> knownStaleFiles(Collection<PlatformId> platforms) throws IOException {
        List<PlatformId> present = new ArrayList<>();
        Path natives = classes.resolve(ResourceLayout.NATIVE_DIRECTORY);
        if (Files.isDirectory(natives)) {
            try (DirectoryStream<Path> directories = Files.newDirectoryStream(natives, Files::isDirectory)) {
                for (Path directory : directories) {
                    try {
                        present.add(PlatformId.parse(directory.getFileName().toString()));
                    } catch (IllegalArgumentException notAPlatform) {
                        // Not a platform's directory: its files are no provider's.
                    }
                }
            }
        }
        Map<String, String> files = new LinkedHashMap<>();
        staleProviders.forEach((provider, why) -> filesOf(provider, present, true).forEach(f -> files.put(f, why)));
        for (ProviderDescription description : current) {
            if (!description.jfr()) {
                files.put(ResourceLayout.jfrSettings(description.provider()),
                        "provider '" + description.provider() + "' no longer has jfr = true");
            }
        }
        for (PlatformId platform : present) {
            if (!platforms.contains(platform)) {
                for (ProviderDescription description : current) {
                    for (String file : ResourceLayout.nativeFiles(platform, description.provider())) {
                        files.put(file, "this build makes no library for " + platform + ", only for " + platforms);
                    }
                }
            }
        }
        return files;
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            return !entries.iterator().hasNext();
        }
    }

    /** {@code META-INF/usdt4j/shop.json}: the path in the class output, with {@code /} as in the layout. */
    private static String relative(Path classes, Path file) {
        List<String> names = new ArrayList<>();
        classes.relativize(file).forEach(name -> names.add(name.toString()));
        return String.join("/", names);
    }
}
