// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usdt4j.contract.DescriptionFormat;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
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
 * The probe descriptions ({@link ResourceLayout#description}) in one class output, read as the
 * plugin's manifest: a provider is current when the sources still declare it, and every other file
 * under {@link ResourceLayout#ROOT} is stale.
 *
 * <p>A description is current when (a) the interface's source file it names is in one of the
 * source roots, since with incremental compilation off Maven leaves the outputs of deleted sources
 * behind, and (b) it is the newest description of its interface, since a renamed provider leaves
 * the old name's description behind and the processor wrote the new one later.
 */
final class ProviderManifest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_DESCRIBED = "no current provider's description names it";

    /** One {@code META-INF/usdt4j/<provider>.json}, as far as the plugin reads it. */
    record Description(String provider, String interfaceName, String source, FileTime written, boolean jfr) {}

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
    private final List<Description> current;
    /** Why each stale description's provider is stale, by provider. */
    private final Map<String, String> staleProviders;

    private ProviderManifest(Path classes, List<Description> current, Map<String, String> staleProviders) {
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
        List<Description> descriptions = new ArrayList<>();
        Path root = classes.resolve(ResourceLayout.ROOT);
        if (Files.isDirectory(root)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(root, "*" + ResourceLayout.DESCRIPTION_SUFFIX)) {
                for (Path file : files) {
                    if (Files.isRegularFile(file)) {
                        descriptions.add(parse(classes, file));
                    }
                }
            }
        }
        Map<String, String> stale = new TreeMap<>();
        Map<String, List<Description>> byInterface = new TreeMap<>();
        for (Description description : descriptions) {
            if (description.source() != null && !inSourceRoots(description.source(), sourceRoots)) {
                stale.put(description.provider(), "provider '" + description.provider() + "' is gone: "
                        + description.interfaceName() + "'s source " + description.source()
                        + " is in none of the source roots " + sourceRoots);
            } else {
                byInterface.computeIfAbsent(description.interfaceName(), i -> new ArrayList<>()).add(description);
            }
        }
        List<Description> current = new ArrayList<>();
        for (List<Description> candidates : byInterface.values()) {
            candidates.sort(Comparator.comparing(Description::written).reversed().thenComparing(Description::provider));
            Description newest = candidates.get(0);
            if (candidates.size() > 1 && candidates.get(1).written().equals(newest.written())) {
                throw new InvalidDescriptionException("The descriptions of providers '" + newest.provider() + "' and '"
                        + candidates.get(1).provider() + "' both name " + newest.interfaceName()
                        + " and were written at the same time, so usdt4j cannot tell which is current:"
                        + " rebuild with mvn clean", null);
            }
            current.add(newest);
            for (Description older : candidates.subList(1, candidates.size())) {
                stale.put(older.provider(), "provider '" + older.provider() + "' was renamed: " + newest.interfaceName()
                        + " is now provider '" + newest.provider() + "'");
            }
        }
        current.sort(Comparator.comparing(Description::provider));
        return new ProviderManifest(classes, List.copyOf(current), stale);
    }

    private static Description parse(Path classes, Path file) throws IOException, InvalidDescriptionException {
        String relative = relative(classes, file);
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw invalid(relative, "it is not JSON (" + e.getMessage() + ")", e);
        }
        if (json == null || !json.isObject()) {
            throw invalid(relative, "it is not a JSON object", null);
        }
        String provider = json.path(DescriptionFormat.PROVIDER).textValue();
        String interfaceName = json.path(DescriptionFormat.INTERFACE).textValue();
        JsonNode source = json.path(DescriptionFormat.SOURCE);
        if (provider == null || interfaceName == null || !(source.isMissingNode() || source.isTextual())) {
            throw invalid(relative, "it needs the strings \"" + DescriptionFormat.PROVIDER + "\" and \""
                    + DescriptionFormat.INTERFACE + "\", and \"" + DescriptionFormat.SOURCE + "\" is a string when present", null);
        }
        if (!ResourceLayout.description(provider).equals(relative)) {
            throw invalid(relative, "it describes provider '" + provider + "', whose description is "
                    + ResourceLayout.description(provider), null);
        }
        return new Description(provider, interfaceName, source.isMissingNode() ? null : source.textValue(),
                Files.getLastModifiedTime(file), json.has(DescriptionFormat.JFR_SETTINGS));
    }

    private static InvalidDescriptionException invalid(String file, String problem, Throwable cause) {
        return new InvalidDescriptionException(file + " is not a probe description usdt4j wrote: " + problem + ". "
                + ResourceLayout.ROOT + " belongs to usdt4j: remove the file from your resources, or rebuild with mvn clean",
                cause);
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
    List<Description> current() {
        return current;
    }

    /**
     * Every file a current provider has when built for {@code platforms}: what the processor wrote,
     * its JFR settings when it has {@code jfr = true}, and one library with its digest per platform.
     */
    Set<String> expectedFiles(Collection<PlatformId> platforms) {
        Set<String> expected = new HashSet<>();
        for (Description description : current) {
            expected.addAll(filesOf(description.provider(), platforms, description.jfr()));
        }
        return expected;
    }

    private static List<String> filesOf(String provider, Collection<PlatformId> platforms, boolean jfr) {
        List<String> files = new ArrayList<>(ResourceLayout.generatedResources(provider));
        if (jfr) {
            files.add(ResourceLayout.jfrSettings(provider));
        }
        for (PlatformId platform : platforms) {
            files.addAll(ResourceLayout.nativeFiles(platform, provider));
        }
        return files;
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
        for (Description description : current) {
            if (!description.jfr()) {
                files.put(ResourceLayout.jfrSettings(description.provider()),
                        "provider '" + description.provider() + "' no longer has jfr = true");
            }
        }
        for (PlatformId platform : present) {
            if (!platforms.contains(platform)) {
                for (Description description : current) {
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
