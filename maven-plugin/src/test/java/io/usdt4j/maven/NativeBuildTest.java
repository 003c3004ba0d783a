// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.NativeBuild;
import io.usdt4j.contract.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * usdt4j.h and the provider template use exactly the macros {@link NativeBuild} defines: what the
 * build passes, what the header gives the template, and nothing else but each file's own helpers.
 * And the header's probe-site instructions are the platform table's.
 */
class NativeBuildTest {
    /** A macro's name; not the prefix that {@code ##} pastes a name from ({@code USDT4J_NOP_##size}). */
    private static final Pattern MACRO = Pattern.compile("\\bUSDT4J_[A-Z0-9_]+\\b(?!\\s*##)");
    private static final Pattern DEFINE = Pattern.compile("(?m)^\\s*#\\s*define\\s+(USDT4J_[A-Z0-9_]+)");
    private static final Pattern CONDITION = Pattern.compile("(?m)^\\s*#\\s*(?:if|ifdef|ifndef|elif)\\b.*$");

    private final String header = code(NativeBuild.HEADER_RESOURCE);
    private final String template = code(NativeBuild.TEMPLATE_RESOURCE);

    @Test
    void theHeaderDefinesWhatTheContractSaysItGivesTheCThatIncludesIt() {
        Set<String> defined = all(DEFINE, header, 1);
        for (String macro : NativeBuild.HEADER_MACROS) {
            assertTrue(defined.contains(macro), NativeBuild.HEADER + " does not define " + macro);
        }
    }

    @Test
    void theTemplateUsesOnlyTheContractsMacrosAndItsOwn() {
        Set<String> unknown = all(MACRO, template, 0);
        unknown.removeAll(NativeBuild.BUILD_MACROS);
        unknown.removeAll(NativeBuild.HEADER_MACROS);
        unknown.removeAll(all(DEFINE, template, 1));
        assertEquals(Set.of(), unknown, "macros of the template that neither the contract nor the template defines");
    }

    @Test
    void theHeaderUsesOnlyTheBuildsMacrosAndItsOwn() {
        Set<String> unknown = all(MACRO, header, 0);
        unknown.removeAll(NativeBuild.BUILD_MACROS);
        unknown.removeAll(all(DEFINE, header, 1));
        assertEquals(Set.of(), unknown, "macros of " + NativeBuild.HEADER + " that neither the build nor the header defines");
    }

    /** The build defines exactly the macros the C tests: each is read, and nothing else is read that nobody defines. */
    @Test
    void theBuildsMacrosAreExactlyTheInputsTheCReads() {
        Set<String> read = new TreeSet<>();
        Set<String> inputs = new TreeSet<>();
        for (String code : List.of(header, template)) {
            Set<String> conditions = new TreeSet<>();
            for (String line : all(CONDITION, code, 0)) {
                conditions.addAll(all(MACRO, line, 0));
            }
            read.addAll(conditions);
            conditions.removeAll(all(DEFINE, header, 1));
            conditions.removeAll(all(DEFINE, template, 1));
            inputs.addAll(conditions);
        }
        assertTrue(read.containsAll(NativeBuild.BUILD_MACROS), "read: " + read + ", the build's: " + NativeBuild.BUILD_MACROS);
        assertTrue(NativeBuild.BUILD_MACROS.containsAll(inputs), "inputs no build defines: " + inputs);
    }

    /** {@code USDT4J_NOP_5} and any other sized nop the header spells out is the table's site of that kind. */
    @Test
    void theHeadersSiteInstructionsAreTheTables() {
        int checked = 0;
        for (Platform platform : Platform.values()) {
            for (Platform.ProbeSite site : platform.sites()) {
                if (site.kind() == Platform.SiteKind.NOP) {
                    continue; // the USDT header's own nop
                }
                Matcher bytes = Pattern.compile("(?m)^#define USDT4J_NOP_" + site.kind().number() + " (.*)$").matcher(header);
                assertTrue(bytes.find(), NativeBuild.HEADER + " spells out no nop of kind " + site.kind());
                assertEquals(site.encoding(), bytes.group(1).replaceAll("\\.byte 0x|;| ", ""), platform + " " + site);
                checked++;
            }
        }
        assertTrue(checked > 0);
    }

    @Test
    void aLibraryIsBuiltWithTheSameLineEverywhere() {
        Path include = Path.of("/build/usdt4j/include");
        assertEquals(List.of("gcc", "-std=gnu11", "-O2", "-Wall", "-Wextra", "-fPIC", "-shared", "-fvisibility=hidden",
                        "-Wl,-z,noexecstack", "-I/jdk/include", "-I/jdk/include/linux", "-I" + include, "-mno-red-zone",
                        "-DUSDT4J_NO_RED_ZONE", "-DUSDT4J_DESCRIPTION=\"/classes/shop.json\"", "-o", "lib.so", "shop.c"),
                NativeBuild.command("gcc", Platform.LINUX_X86_64, NativeBuild.Output.SHARED_LIBRARY, Path.of("/jdk"), include,
                        List.of(NativeBuild.descriptionFlag(Path.of("/classes/shop.json"))), Path.of("lib.so"), Path.of("shop.c")));
        assertEquals(List.of("aarch64-linux-gnu-gcc", "-std=gnu11", "-O2", "-Wall", "-Wextra", "-I" + include,
                        "-DUSDT4J_NOP_SIZE=1", "-o", "cfire", "cfire.c"),
                NativeBuild.command("aarch64-linux-gnu-gcc", Platform.LINUX_AARCH64, NativeBuild.Output.EXECUTABLE, null, include,
                        List.of(NativeBuild.siteFlag(Platform.SiteKind.NOP)), Path.of("cfire"), Path.of("cfire.c")));
    }

    /** Every match of {@code pattern}'s {@code group} in {@code text}. */
    private static Set<String> all(Pattern pattern, String text, int group) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(group));
        }
        return found;
    }

    /** A resource without its C comments, which name macros in prose. */
    private static String code(String resource) {
        try (InputStream in = NativeBuildTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is not on the test class path");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> kept = new ArrayList<>();
            for (String part : text.split("/\\*(?s:.*?)\\*/")) {
                kept.add(part);
            }
            return String.join(" ", kept).replaceAll("//[^\\n]*", "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
