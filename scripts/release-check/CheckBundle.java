// SPDX-License-Identifier: Apache-2.0
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a release's staging bundle against what Maven Central requires and against the build
 * that made it (scripts/check-release.sh runs it; java 17 runs this file as it is).
 *
 * <pre>java CheckBundle.java CHECKOUT STAGING STAGING_ZIP VERSION [--signed]</pre>
 *
 * <p>The published modules are those of CHECKOUT/pom.xml's own {@code <modules>} (and the parent
 * itself) that do not set {@code usdt4j.publish.skip}; a module listed only in a profile must set
 * it. Each must be in the bundle with its pom, SBOM and, for a jar, the jar, sources and javadoc;
 * each file with right MD5, SHA-1, SHA-256 and SHA-512 (and a signature when --signed: gpg checks
 * the signatures themselves); each pom, with its parents in the bundle, with the metadata Central
 * asks for; the BOM naming every published jar; nothing else in the bundle; the zip holding the
 * same files. Prints one line per artifact, every failure, and exits 1 on any.
 */
public final class CheckBundle {
    private static final String GROUP = "io.usdt4j";
    private static final String GROUP_PATH = "io/usdt4j";
    private static final Map<String, String> CHECKSUMS = new LinkedHashMap<>();

    static {
        CHECKSUMS.put("md5", "MD5");
        CHECKSUMS.put("sha1", "SHA-1");
        CHECKSUMS.put("sha256", "SHA-256");
        CHECKSUMS.put("sha512", "SHA-512");
    }

    private final Path checkout;
    private final Path staging;
    private final Path zip;
    private final String version;
    private final boolean signed;
    private final List<String> failures = new ArrayList<>();

    private CheckBundle(Path checkout, Path staging, Path zip, String version, boolean signed) {
        this.checkout = checkout;
        this.staging = staging;
        this.zip = zip;
        this.version = version;
        this.signed = signed;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 5 || (args.length == 5 && !args[4].equals("--signed"))) {
            System.err.println("usage: java CheckBundle.java CHECKOUT STAGING STAGING_ZIP VERSION [--signed]");
            System.exit(2);
        }
        CheckBundle check = new CheckBundle(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), args[3], args.length == 5);
        check.run();
        if (!check.failures.isEmpty()) {
            check.failures.forEach(failure -> System.out.println("FAILED: " + failure));
            System.out.println("bundle: " + check.failures.size() + " failure(s)");
            System.exit(1);
        }
    }

    /** A module of the build: where it is, what it publishes as. */
    record Module(Path directory, String artifactId, String packaging, boolean published) {
        boolean hasJar() {
            return !packaging.equals("pom");
        }
    }

    private void run() throws Exception {
        List<Module> modules = modules();
        List<Module> published = modules.stream().filter(Module::published).toList();
        Set<String> expectedFiles = new TreeSet<>();
        for (Module module : published) {
            expectedFiles.addAll(checkArtifact(module));
        }
        checkBom(modules);
        checkNothingElse(expectedFiles);
        checkZip();
        System.out.println("bundle: " + published.size() + " artifacts, " + expectedFiles.size() + " files"
                + (failures.isEmpty() ? ", all checks passed" : ""));
    }

    /** The parent, and each module of its own {@code <modules>} and of its profiles'. */
    private List<Module> modules() throws Exception {
        List<Module> modules = new ArrayList<>();
        Document root = xml(checkout.resolve("pom.xml"));
        modules.add(module(checkout, root));
        for (Element list : children(root.getDocumentElement(), "modules")) {
            for (Element name : children(list, "module")) {
                Path directory = checkout.resolve(name.getTextContent().strip());
                modules.add(module(directory, xml(directory.resolve("pom.xml"))));
            }
        }
        for (Element profiles : children(root.getDocumentElement(), "profiles")) {
            for (Element profile : children(profiles, "profile")) {
                for (Element list : children(profile, "modules")) {
                    for (Element name : children(list, "module")) {
                        Path directory = checkout.resolve(name.getTextContent().strip());
                        Module module = module(directory, xml(directory.resolve("pom.xml")));
                        if (module.published()) {
                            fail(module.artifactId() + " is listed in profile " + text(profile, "id").orElse("?")
                                    + ", which a release does not build, but does not set usdt4j.publish.skip: list it in"
                                    + " <modules> (published) or set the property (not published)");
                        }
                        modules.add(module);
                    }
                }
            }
        }
        return modules;
    }

    private static Module module(Path directory, Document pom) {
        Element project = pom.getDocumentElement();
        String skip = child(project, "properties").flatMap(properties -> text(properties, "usdt4j.publish.skip")).orElse("false");
        return new Module(directory, text(project, "artifactId").orElseThrow(), text(project, "packaging").orElse("jar"),
                !skip.equals("true"));
    }

    /** Checks one published artifact and returns the bundle's paths of its files. */
    private List<String> checkArtifact(Module module) throws Exception {
        String a = module.artifactId();
        String directory = GROUP_PATH + "/" + a + "/" + version + "/";
        String base = directory + a + "-" + version;
        List<String> primary = new ArrayList<>(List.of(base + ".pom", base + "-cyclonedx.json"));
        if (module.hasJar()) {
            primary.addAll(List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar"));
        }
        List<String> files = new ArrayList<>();
        int before = failures.size();
        for (String file : primary) {
            files.add(file);
            Path path = staging.resolve(file);
            if (!Files.isRegularFile(path)) {
                fail(file + " is missing");
                continue;
            }
            for (Map.Entry<String, String> checksum : CHECKSUMS.entrySet()) {
                String name = file + "." + checksum.getKey();
                files.add(name);
                checkChecksum(path, staging.resolve(name), checksum.getValue());
            }
            if (signed) {
                files.add(file + ".asc");
                if (!Files.isRegularFile(staging.resolve(file + ".asc"))) {
                    fail(file + ".asc is missing");
                }
            }
        }
        Path pom = staging.resolve(base + ".pom");
        if (Files.isRegularFile(pom)) {
            checkPom(a, pom);
        }
        if (module.hasJar()) {
            checkJars(a, staging.resolve(base + ".jar"), staging.resolve(base + "-sources.jar"),
                    staging.resolve(base + "-javadoc.jar"), pom);
        }
        checkSbom(a, module.packaging(), staging.resolve(base + "-cyclonedx.json"));
        System.out.println((failures.size() == before ? "ok      " : "FAILED  ") + GROUP + ":" + a + ":" + version + " ("
                + module.packaging() + ", " + files.size() + " files)");
        return files;
    }

    private void checkChecksum(Path file, Path checksumFile, String algorithm) throws IOException {
        if (!Files.isRegularFile(checksumFile)) {
            fail(staging.relativize(checksumFile) + " is missing");
            return;
        }
        String recorded = Files.readString(checksumFile, StandardCharsets.US_ASCII).strip().split("\\s+")[0];
        String actual = digest(file, algorithm);
        if (!recorded.equalsIgnoreCase(actual)) {
            fail(staging.relativize(checksumFile) + " says " + recorded + ", but the file's " + algorithm + " is " + actual);
        }
    }

    /** The pom: this version, no unresolved ${revision}; Central's metadata in it or its parents (in the bundle). */
    private void checkPom(String artifactId, Path pom) throws Exception {
        String text = Files.readString(pom);
        if (text.contains("${revision}")) {
            fail(staging.relativize(pom) + " still says ${revision}: flatten-maven-plugin did not run");
        }
        Element project = xml(pom).getDocumentElement();
        Optional<Element> parent = child(project, "parent");
        String groupId = text(project, "groupId").or(() -> parent.flatMap(p -> text(p, "groupId"))).orElse("");
        String pomVersion = text(project, "version").or(() -> parent.flatMap(p -> text(p, "version"))).orElse("");
        if (!groupId.equals(GROUP) || !pomVersion.equals(version) || !text(project, "artifactId").orElse("").equals(artifactId)) {
            fail(staging.relativize(pom) + " is " + groupId + ":" + text(project, "artifactId").orElse("") + ":" + pomVersion);
        }
        // Not inherited in a way that says anything: each pom names and describes itself.
        for (String own : List.of("name", "description")) {
            if (text(project, own).map(String::isBlank).orElse(true)) {
                fail(staging.relativize(pom) + " has no <" + own + ">");
            }
        }
        List<Element> chain = new ArrayList<>(List.of(project));
        for (Optional<Element> p = parent; p.isPresent(); ) {
            String parentId = text(p.get(), "artifactId").orElse("");
            String parentVersion = text(p.get(), "version").orElse("");
            Path parentPom = staging.resolve(GROUP_PATH + "/" + parentId + "/" + parentVersion + "/" + parentId + "-" + parentVersion + ".pom");
            if (!text(p.get(), "groupId").orElse("").equals(GROUP) || !Files.isRegularFile(parentPom)) {
                fail(staging.relativize(pom) + ": its parent " + text(p.get(), "groupId").orElse("") + ":" + parentId + ":"
                        + parentVersion + " is not in the bundle");
                break;
            }
            Element parentProject = xml(parentPom).getDocumentElement();
            chain.add(parentProject);
            p = child(parentProject, "parent");
        }
        require(pom, chain, "url", project1 -> text(project1, "url"));
        require(pom, chain, "licenses/license (name and url)", p -> child(p, "licenses").flatMap(l -> child(l, "license"))
                .filter(l -> text(l, "name").isPresent() && text(l, "url").isPresent()).map(l -> "ok"));
        require(pom, chain, "developers/developer (name)", p -> child(p, "developers").flatMap(d -> child(d, "developer"))
                .flatMap(d -> text(d, "name")));
        require(pom, chain, "scm (url and connection)", p -> child(p, "scm")
                .filter(s -> text(s, "url").isPresent() && text(s, "connection").isPresent()).map(s -> "ok"));
        require(pom, chain, "issueManagement (url)", p -> child(p, "issueManagement").flatMap(i -> text(i, "url")));
    }

    private void require(Path pom, List<Element> chain, String what, java.util.function.Function<Element, Optional<String>> get) {
        if (chain.stream().map(get).flatMap(Optional::stream).findFirst().isEmpty()) {
            fail(staging.relativize(pom) + " has no " + what + ", nor has any of its parents");
        }
    }

    /** The jar carries the license and its own pom; sources hold sources; javadoc is javadoc where there are classes. */
    private void checkJars(String artifactId, Path jar, Path sources, Path javadoc, Path pom) throws IOException {
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(sources) || !Files.isRegularFile(javadoc)) {
            return; // already reported missing
        }
        boolean classes;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            String license = entry(zip, "META-INF/LICENSE").orElse("");
            if (!license.contains("Apache License") || !license.contains("Version 2.0")) {
                fail(staging.relativize(jar) + " has no META-INF/LICENSE with the Apache License 2.0");
            }
            String embedded = entry(zip, "META-INF/maven/" + GROUP + "/" + artifactId + "/pom.xml").orElse("");
            if (Files.isRegularFile(pom) && !embedded.equals(Files.readString(pom))) {
                fail(staging.relativize(jar) + ": its META-INF/maven/.../pom.xml is not the published pom");
            }
            classes = zip.stream().anyMatch(e -> e.getName().endsWith(".class"));
        }
        try (ZipFile zip = new ZipFile(sources.toFile())) {
            if (zip.stream().noneMatch(e -> !e.isDirectory() && !e.getName().startsWith("META-INF/"))) {
                fail(staging.relativize(sources) + " holds no sources");
            }
            if (classes && zip.stream().noneMatch(e -> e.getName().endsWith(".java"))) {
                fail(staging.relativize(sources) + " holds no .java, but its jar has classes");
            }
        }
        try (ZipFile zip = new ZipFile(javadoc.toFile())) {
            boolean index = zip.getEntry("index.html") != null;
            if (classes && !index) {
                fail(staging.relativize(javadoc) + " has no index.html, but its jar has classes");
            }
            if (!classes && !index && zip.getEntry("README.txt") == null) {
                fail(staging.relativize(javadoc) + " has neither javadoc nor a README.txt saying why not");
            }
        }
    }

    /** A CycloneDX SBOM of this very artifact. */
    private void checkSbom(String artifactId, String packaging, Path sbom) throws IOException {
        if (!Files.isRegularFile(sbom)) {
            return; // already reported missing
        }
        String json = Files.readString(sbom);
        String purl = "pkg:maven/" + GROUP + "/" + artifactId + "@" + version + "?type=" + (packaging.equals("maven-plugin") ? "maven-plugin" : packaging);
        if (!Pattern.compile("\"bomFormat\"\\s*:\\s*\"CycloneDX\"").matcher(json).find() || !json.contains("\"" + purl + "\"")) {
            fail(staging.relativize(sbom) + " is not a CycloneDX SBOM of " + purl);
        }
    }

    /** The BOM manages every published jar, and nothing usdt4j does not publish. */
    private void checkBom(List<Module> modules) throws Exception {
        Path bom = staging.resolve(GROUP_PATH + "/usdt4j-bom/" + version + "/usdt4j-bom-" + version + ".pom");
        if (!Files.isRegularFile(bom)) {
            fail("the BOM, usdt4j-bom, is not in the bundle");
            return;
        }
        Map<String, String> managed = new TreeMap<>();
        Element project = xml(bom).getDocumentElement();
        for (Element management : children(project, "dependencyManagement")) {
            for (Element dependencies : children(management, "dependencies")) {
                for (Element dependency : children(dependencies, "dependency")) {
                    if (text(dependency, "groupId").orElse("").equals(GROUP)) {
                        managed.put(text(dependency, "artifactId").orElse(""), text(dependency, "version").orElse(""));
                    }
                }
            }
        }
        for (Module module : modules) {
            boolean listed = managed.containsKey(module.artifactId());
            if (module.published() && module.hasJar() && !listed) {
                fail("the BOM does not manage published " + module.artifactId() + ": add it to bom/pom.xml's dependencyManagement");
            }
            if (!module.published() && listed) {
                fail("the BOM manages " + module.artifactId() + ", which is not published");
            }
        }
        managed.forEach((artifactId, managedVersion) -> {
            if (!managedVersion.equals(version) && !managedVersion.equals("${project.version}")) {
                fail("the BOM manages " + artifactId + " at " + managedVersion + ", not " + version);
            }
            if (modules.stream().noneMatch(m -> m.artifactId().equals(artifactId))) {
                fail("the BOM manages " + artifactId + ", which no module builds");
            }
        });
        System.out.println("ok      the BOM manages " + String.join(", ", managed.keySet()));
    }

    /** Nothing unpublished or unexpected: every file of the bundle is one of an artifact's. */
    private void checkNothingElse(Set<String> expected) throws IOException {
        for (String file : files()) {
            if (!expected.contains(file)) {
                fail(file + " is in the bundle but belongs to no published artifact");
            }
        }
    }

    /** The zip holds exactly the staging directory's files, byte for byte. */
    private void checkZip() throws IOException {
        Set<String> files = files();
        Set<String> entries = new TreeSet<>();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : archive.stream().toList()) {
                if (entry.isDirectory()) {
                    continue;
                }
                entries.add(entry.getName());
                Path file = staging.resolve(entry.getName());
                if (Files.isRegularFile(file)) {
                    try (InputStream in = archive.getInputStream(entry)) {
                        if (!java.util.Arrays.equals(in.readAllBytes(), Files.readAllBytes(file))) {
                            fail(zip.getFileName() + ": " + entry.getName() + " differs from the staged file");
                        }
                    }
                }
            }
        }
        if (!entries.equals(files)) {
            Set<String> onlyZip = new TreeSet<>(entries);
            onlyZip.removeAll(files);
            Set<String> onlyStaging = new TreeSet<>(files);
            onlyStaging.removeAll(entries);
            fail(zip.getFileName() + " and " + staging.getFileName() + " differ: only in the zip " + onlyZip
                    + ", only in the directory " + onlyStaging);
        } else {
            System.out.println("ok      " + zip.getFileName() + " holds the " + entries.size() + " staged files");
        }
    }

    private Set<String> files() throws IOException {
        try (Stream<Path> walk = Files.walk(staging)) {
            return walk.filter(Files::isRegularFile).map(p -> staging.relativize(p).toString().replace('\\', '/'))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    private void fail(String failure) {
        failures.add(failure);
    }

    private static String digest(Path file, String algorithm) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is in every JDK", e);
        }
    }

    private static Optional<String> entry(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return Optional.empty();
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                children.add(element);
            }
        }
        return children;
    }

    private static Optional<Element> child(Element parent, String name) {
        return children(parent, name).stream().findFirst();
    }

    private static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().strip()).filter(s -> !s.isEmpty());
    }
}
