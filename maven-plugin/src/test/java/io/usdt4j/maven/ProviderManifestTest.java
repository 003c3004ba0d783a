// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.description.ArgumentDescription;
import io.usdt4j.description.DescriptionCodec;
import io.usdt4j.description.MalformedDescriptionException;
import io.usdt4j.description.ProbeDescription;
import io.usdt4j.description.ProviderDescription;
import io.usdt4j.description.TracerType;
import io.usdt4j.maven.ProviderManifest.InvalidDescriptionException;
import io.usdt4j.maven.ProviderManifest.Removal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which providers of a class output are current, and what removing the rest leaves. */
class ProviderManifestTest {
    private static final PlatformId X86 = PlatformId.LINUX_X86_64;
    private static final PlatformId ARM = PlatformId.LINUX_AARCH64;
    private static final Instant EARLIER = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-01-01T10:05:00Z");

    @TempDir
    Path work;
    Path classes;
    Path sources;

    @BeforeEach
    void layout() throws IOException {
        classes = Files.createDirectories(work.resolve("classes"));
        sources = Files.createDirectories(work.resolve("src/main/java"));
    }

    @Test
    void providerWhoseSourceIsInASourceRootIsCurrentAndKeepsAllItsFiles() throws Exception {
        provider("shop", "com.example.ShopProbes", "com/example/ShopProbes.java", EARLIER, true, X86);
        source("com/example/ShopProbes.java");
        write(ResourceLayout.jfrSettings("shop"));

        ProviderManifest manifest = read(List.of(work.resolve("other-root"), sources));

        assertEquals(List.of("shop"), providers(manifest));
        assertEquals(List.of(), manifest.removeStale(List.of(X86)));
        assertEquals(files("shop", X86, true), tree());
    }

    /** A .jfc left from when the provider had jfr = true, which its description no longer names. */
    @Test
    void settingsOfAProviderThatNoLongerHasJfrAreRemoved() throws Exception {
        provider("shop", "com.example.ShopProbes", "com/example/ShopProbes.java", EARLIER, false, X86);
        source("com/example/ShopProbes.java");
        write(ResourceLayout.jfrSettings("shop"));

        List<Removal> removals = read(List.of(sources)).removeStale(List.of(X86));

        assertEquals(List.of(new Removal(ResourceLayout.jfrSettings("shop"), "provider 'shop' no longer has jfr = true")),
                removals);
        assertEquals(files("shop", X86, false), tree());
    }

    @Test
    void providerWhoseSourceIsGoneIsRemovedWithAllItsLibraries() throws Exception {
        provider("shop", "com.example.ShopProbes", "com/example/ShopProbes.java", EARLIER, X86);
        provider("billing", "com.example.BillingProbes", "com/example/BillingProbes.java", EARLIER, X86, ARM);
        source("com/example/ShopProbes.java");

        ProviderManifest manifest = read(List.of(sources));
        List<Removal> removals = manifest.removeStale(List.of(X86));

        assertEquals(List.of("shop"), providers(manifest));
        assertEquals(sorted(files("billing", null, false), ResourceLayout.library(X86, "billing"),
                ResourceLayout.library(ARM, "billing")), removals.stream().map(Removal::file).toList());
        assertTrue(removals.get(0).reason().startsWith("provider 'billing' is gone: com.example.BillingProbes's source"
                + " com/example/BillingProbes.java is in none of the source roots [" + sources + "]"), removals.get(0).reason());
        assertEquals(files("shop", X86, false), tree(), "and the empty linux-aarch64 directory is gone");
    }

    /**
     * Kotlin through kapt: the description's source is kapt's stub, in no source root. The provider
     * is current while kapt's generated class source is in a source root (kapt writes its directory
     * anew at each run), and gone with it.
     */
    @Test
    void aKotlinProviderIsCurrentWhileKaptGeneratesItsClass() throws Exception {
        Path kapt = Files.createDirectories(work.resolve("target/generated-sources/kapt/compile"));
        provider("kotlin_shop", "org.kt.ShopProbes", "org/kt/ShopProbes.java", EARLIER, X86);
        provider("kotlin_gone", "org.kt.GoneProbes", "org/kt/GoneProbes.java", EARLIER, X86);
        provider("kotlin_nested", "org.kt.Outer.NestedProbes", "org/kt/Outer.java", EARLIER, X86);
        write("org/kt/ShopProbes.class", "\u00ca\u00fe\u00ba\u00be...Lkotlin/Metadata;...");
        write("org/kt/GoneProbes.class", "\u00ca\u00fe\u00ba\u00be...Lkotlin/Metadata;...");
        write("org/kt/Outer$NestedProbes.class", "\u00ca\u00fe\u00ba\u00be...Lkotlin/Metadata;...");
        Files.createDirectories(kapt.resolve("org/kt"));
        Files.writeString(kapt.resolve("org/kt/ShopProbesUsdt.java"), "class ShopProbesUsdt {}\n");
        Files.createDirectories(kapt.resolve("org/kt/Outer"));
        Files.writeString(kapt.resolve("org/kt/Outer/NestedProbesUsdt.java"), "class X {}\n");

        ProviderManifest manifest = read(List.of(work.resolve("src/main/kotlin"), kapt));
        List<Removal> removals = manifest.removeStale(List.of(X86));

        assertEquals(List.of("kotlin_nested", "kotlin_shop"), providers(manifest));
        assertTrue(removals.stream().allMatch(removal -> removal.reason().startsWith("provider 'kotlin_gone' is gone")),
                removals.toString());
        assertEquals(sorted(files("kotlin_gone", X86, false)), removals.stream().map(Removal::file).toList());
    }

    /** A Java interface whose source is gone is gone, though its generated class's source is still there. */
    @Test
    void aJavaProviderIsGoneWithItsSourceWhateverGeneratedSourcesAreLeft() throws Exception {
        Path generated = Files.createDirectories(work.resolve("target/generated-sources/annotations/com/example"));
        provider("shop", "com.example.ShopProbes", "com/example/ShopProbes.java", EARLIER, X86);
        write("com/example/ShopProbes.class", "\u00ca\u00fe\u00ba\u00be...Ljava/lang/Object;...");
        Files.writeString(generated.resolve("ShopProbesUsdt.java"), "class ShopProbesUsdt {}\n");

        ProviderManifest manifest = read(List.of(sources, work.resolve("target/generated-sources/annotations")));

        assertEquals(List.of(), providers(manifest));
        assertEquals(sorted(files("shop", X86, false)), manifest.removeStale(List.of(X86)).stream().map(Removal::file).toList());
    }

    /** An interface generated into a source root (by another processor, or a plugin) is as current as a hand-written one. */
    @Test
    void aProviderFromAGeneratedSourceInASourceRootIsCurrent() throws Exception {
        Path generated = Files.createDirectories(work.resolve("target/generated-sources/annotations"));
        provider("shop", "com.example.ShopProbes", "com/example/ShopProbes.java", EARLIER, X86);
        Files.createDirectories(generated.resolve("com/example"));
        Files.writeString(generated.resolve("com/example/ShopProbes.java"), "interface ShopProbes {}\n");

        ProviderManifest manifest = read(List.of(sources, generated));

        assertEquals(List.of("shop"), providers(manifest));
        assertEquals(List.of(), manifest.removeStale(List.of(X86)));
    }

    @Test
    void renamedProviderLeavesTheNewestDescriptionOfItsInterface() throws Exception {
        provider("old_name", "com.example.ShopProbes", "com/example/ShopProbes.java", EARLIER, X86);
        provider("new_name", "com.example.ShopProbes", "com/example/ShopProbes.java", LATER, X86);
        source("com/example/ShopProbes.java");

        ProviderManifest manifest = read(List.of(sources));
        List<Removal> removals = manifest.removeStale(List.of(X86));

        assertEquals(List.of("new_name"), providers(manifest));
        assertEquals(files("old_name", X86, false), removals.stream().map(Removal::file).collect(TreeSet::new, Set::add, Set::addAll));
        assertEquals("provider 'old_name' was renamed: com.example.ShopProbes is now provider 'new_name'",
                removals.get(0).reason());
        assertEquals(files("new_name", X86, false), tree());
    }

    @Test
    void descriptionWithoutSourceIsCurrentWhileNewestOfItsInterface() throws Exception {
        provider("shop", "com.example.ShopProbes", null, EARLIER, X86);

        ProviderManifest manifest = read(List.of(sources));

        assertEquals(List.of("shop"), providers(manifest));
        assertEquals(List.of(), manifest.removeStale(List.of(X86)));
    }

    @Test
    void filesNoDescriptionNamesAreRemoved() throws Exception {
        provider("shop", "com.example.ShopProbes", null, EARLIER, X86);
        write(ResourceLayout.cSource("older"));                 // a .c of an older usdt4j, without description
        write(ResourceLayout.library(X86, "older"));
        write(ResourceLayout.ROOT + "notes.txt");
        write(ResourceLayout.NATIVE_DIRECTORY + "not-a-platform!/libusdt4j-shop.so");

        List<Removal> removals = read(List.of(sources)).removeStale(List.of(X86));

        assertEquals(sorted(List.of(ResourceLayout.cSource("older"), ResourceLayout.library(X86, "older"),
                ResourceLayout.ROOT + "notes.txt", ResourceLayout.NATIVE_DIRECTORY + "not-a-platform!/libusdt4j-shop.so")),
                removals.stream().map(Removal::file).toList());
        removals.forEach(r -> assertEquals("no current provider's description names it", r.reason()));
        assertEquals(files("shop", X86, false), tree());
    }

    @Test
    void librariesOfPlatformsNotBuiltAreRemoved() throws Exception {
        provider("shop", "com.example.ShopProbes", null, EARLIER, X86, ARM);

        List<Removal> removals = read(List.of(sources)).removeStale(List.of(X86));

        assertEquals(List.of(new Removal(ResourceLayout.library(ARM, "shop"),
                "this build makes no library for linux-aarch64, only for [linux-x86_64]")), removals);
    }

    @Test
    void withNoCurrentProviderTheWholeDirectoryGoes() throws Exception {
        provider("shop", "com.example.ShopProbes", "com/example/ShopProbes.java", EARLIER, X86);

        read(List.of(sources)).removeStale(List.of(X86));

        assertFalse(Files.exists(classes.resolve(ResourceLayout.ROOT)));
        assertTrue(Files.isDirectory(classes.resolve("META-INF")), "META-INF itself is not usdt4j's");
    }

    @Test
    void noDirectoryNoProviders() throws Exception {
        ProviderManifest manifest = read(List.of(sources));

        assertEquals(List.of(), manifest.current());
        assertEquals(List.of(), manifest.removeStale(List.of(X86)));
    }

    @Test
    void descriptionThatIsNotJsonFailsWithItsCause() throws Exception {
        write(ResourceLayout.description("shop"), "{\"provider\": ");

        InvalidDescriptionException e = assertThrows(InvalidDescriptionException.class, () -> read(List.of(sources)));

        assertEquals(ResourceLayout.description("shop") + " is not a probe description usdt4j wrote:"
                + " it is not JSON: a value is missing at character 13. " + ResourceLayout.ROOT + " belongs to usdt4j:"
                + " remove the file from your resources, or rebuild with mvn clean", e.getMessage());
        assertInstanceOf(MalformedDescriptionException.class, e.getCause());
    }

    @Test
    void descriptionWithoutInterfaceFails() throws Exception {
        provider("shop", "com.example.ShopProbes", null, EARLIER);
        Path description = classes.resolve(ResourceLayout.description("shop"));
        Files.writeString(description, Files.readString(description).replaceAll("(?m)^  \"interface\": .*\n", ""));

        InvalidDescriptionException e = assertThrows(InvalidDescriptionException.class, () -> read(List.of(sources)));

        assertTrue(e.getMessage().contains(" is not a probe description usdt4j wrote: interface is missing."), e.getMessage());
    }

    @Test
    void descriptionOfAnotherProvidersNameFails() throws Exception {
        provider("shop", "com.example.ShopProbes", null, EARLIER);
        Files.move(classes.resolve(ResourceLayout.description("shop")), classes.resolve(ResourceLayout.description("copy")));

        InvalidDescriptionException e = assertThrows(InvalidDescriptionException.class, () -> read(List.of(sources)));

        assertTrue(e.getMessage().contains("it describes provider 'shop', whose description is "
                + ResourceLayout.description("shop")), e.getMessage());
    }

    @Test
    void twoDescriptionsOfOneInterfaceWrittenAtOnceCannotBeOrdered() throws Exception {
        provider("one", "com.example.ShopProbes", null, EARLIER);
        provider("two", "com.example.ShopProbes", null, EARLIER);

        InvalidDescriptionException e = assertThrows(InvalidDescriptionException.class, () -> read(List.of(sources)));

        assertTrue(e.getMessage().contains("both name com.example.ShopProbes and were written at the same time"), e.getMessage());
    }

    private ProviderManifest read(List<Path> sourceRoots) throws Exception {
        return ProviderManifest.read(classes, sourceRoots);
    }

    private static List<String> providers(ProviderManifest manifest) {
        return manifest.current().stream().map(ProviderDescription::provider).toList();
    }

    /** What the processor writes for a provider, the description as of {@code written}, and its libraries. */
    private void provider(String provider, String interfaceName, String source, Instant written, PlatformId... platforms)
            throws IOException {
        provider(provider, interfaceName, source, written, false, platforms);
    }

    /** With {@code jfr}, the description names the JFR settings, as for {@code @UsdtProvider(jfr = true)}. */
    private void provider(String provider, String interfaceName, String source, Instant written, boolean jfr,
                          PlatformId... platforms) throws IOException {
        ProviderDescription json = ProviderDescription.of(provider, interfaceName, interfaceName + "Usdt",
                Optional.ofNullable(source), ResourceLayout.libraryPattern(provider), 255,
                jfr ? Optional.of(ResourceLayout.jfrSettings(provider)) : Optional.empty(),
                List.of(new ProbeDescription("fired", "fired", List.of(new ArgumentDescription(0, "id", "long", TracerType.INT64)))));
        for (String file : ResourceLayout.generatedResources(provider, false, List.of())) {
            write(file);
        }
        Path description = write(ResourceLayout.description(provider), DescriptionCodec.write(json));
        Files.setLastModifiedTime(description, FileTime.from(written));
        for (PlatformId platform : platforms) {
            write(ResourceLayout.library(platform, provider));
        }
    }

    /** A provider's files: what the processor writes, its library for {@code platform} if given, its JFR settings if asked. */
    private static Set<String> files(String provider, PlatformId platform, boolean jfr) {
        Set<String> files = new TreeSet<>(ResourceLayout.generatedResources(provider, false, List.of()));
        if (platform != null) {
            files.add(ResourceLayout.library(platform, provider));
        }
        if (jfr) {
            files.add(ResourceLayout.jfrSettings(provider));
        }
        return files;
    }

    private static List<String> sorted(Set<String> files, String... more) {
        List<String> all = new ArrayList<>(files);
        all.addAll(List.of(more));
        return sorted(all);
    }

    private static List<String> sorted(List<String> files) {
        return files.stream().sorted().toList();
    }

    private void source(String path) throws IOException {
        Path file = sources.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "interface X {}\n");
    }

    private Path write(String path) throws IOException {
        return write(path, "");
    }

    private Path write(String path, String content) throws IOException {
        Path file = classes.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    /** Every file left in the class output, as layout paths. */
    private Set<String> tree() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            walk.filter(Files::isRegularFile).forEach(f -> files.add(classes.relativize(f).toString().replace('\\', '/')));
        }
        return files;
    }
}
