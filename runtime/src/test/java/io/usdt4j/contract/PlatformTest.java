// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.Processes;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The platform table's own rules. What its facts say about the real tools (compilers, readelf,
 * objdump, dpkg) is checked by the plugin's PlatformTableTest, which builds libraries with them.
 */
class PlatformTest {

    @ParameterizedTest
    @EnumSource(Platform.class)
    void eachEntryIsItsPlatformIdAndBack(Platform platform) {
        PlatformId id = PlatformId.of(platform);
        assertEquals(platform.id(), id.id());
        assertSame(platform, id.platform());
        assertSame(platform, PlatformId.parseSupported(platform.id()));
        assertTrue(id.isLinux());
        for (String javaName : platform.javaArchNames()) {
            assertEquals(platform.arch(), PlatformId.normalizeArch(javaName), javaName);
            assertEquals(platform.arch(), PlatformId.normalizeArch(javaName.toUpperCase(java.util.Locale.ROOT)), javaName);
        }
        for (String name : List.of(platform.id(), platform.arch(), platform.debianArch(), platform.gnuTriplet())) {
            assertSame(platform, Platform.parse(name), name);
        }
    }

    @Test
    void noTwoEntriesShareANameOrAnArchitecture() {
        Set<String> names = new HashSet<>();
        for (Platform platform : Platform.values()) {
            List<String> own = new ArrayList<>(List.of(platform.id(), platform.debianArch(), platform.gnuTriplet(),
                    platform.qemuUser(), platform.jdkHome()));
            own.addAll(platform.javaArchNames());
            for (String name : new HashSet<>(own)) {
                assertTrue(names.add(name), name + " names two platforms");
            }
        }
    }

    /** Every entry's probe sites: the default first, each kind once, and only a faster one depends on the kernel. */
    @ParameterizedTest
    @EnumSource(Platform.class)
    void sitesStartWithTheDefaultNop(Platform platform) {
        List<Platform.ProbeSite> sites = platform.sites();
        assertEquals(Platform.SiteKind.NOP, sites.get(0).kind());
        assertNull(sites.get(0).fastFrom(), "the default site needs no kernel");
        assertFalse(sites.get(0).needsNoRedZone());
        Set<Platform.SiteKind> kinds = new HashSet<>();
        for (Platform.ProbeSite site : sites) {
            assertTrue(kinds.add(site.kind()), "one site of each kind: " + sites);
            assertSame(site, platform.site(site.kind()));
            assertTrue(site.bytes().length > 0);
        }
        assertSame(sites.get(0), platform.preferredSite(null));
        assertSame(sites.get(0), platform.preferredSite("2.6.32"));
    }

    @Test
    void theKernelDecidesBetweenX8664Sites() {
        Platform x86 = Platform.LINUX_X86_64;
        assertEquals(Platform.SiteKind.NOP5, x86.preferredSite("6.18.44-fc-v669").kind());
        assertEquals(Platform.SiteKind.NOP, x86.preferredSite("6.17.9-300.fc43.x86_64").kind());
        assertEquals(new Platform.KernelRelease(6, 18), x86.site(Platform.SiteKind.NOP5).fastFrom());
        assertEquals("0f1f440000", x86.site(Platform.SiteKind.NOP5).encoding());
        assertTrue(x86.needsNoRedZone());
        assertFalse(Platform.LINUX_AARCH64.needsNoRedZone());
        assertNull(Platform.LINUX_AARCH64.site(Platform.SiteKind.NOP5));
    }

    @ParameterizedTest
    @CsvSource({"6.18, true", "6.18.2-arch1, true", "7.0, true", "10.1, true", "6.17.9, false", "5.19, false",
            "6, false", "6., false", ".18, false", "x.y, false", "6.1a8, false", "1234567.1, false"})
    void kernelReleasesCompareByMajorAndMinor(String release, boolean reached) {
        assertEquals(reached, new Platform.KernelRelease(6, 18).reachedBy(release));
    }

    /** The note arguments of a JNI native's arguments at its entry, as gcc writes them (checked against gcc by PlatformTableTest). */
    @Test
    void noteArgumentsNameEachArgumentWhereItArrives() {
        Platform x86 = Platform.LINUX_X86_64;
        assertEquals("8@%rdi", x86.noteArgument(0, 8, false), "the JNIEnv");
        assertEquals("-4@%edx", x86.noteArgument(2, 4, true));
        assertEquals("-8@%rdx", x86.noteArgument(2, 8, true));
        assertEquals("1@%dl", x86.noteArgument(2, 1, false));
        assertEquals("-2@%r9w", x86.noteArgument(5, 2, true));
        assertEquals("-8@8(%rsp)", x86.noteArgument(6, 8, true), "above the return address");
        assertEquals("1@16(%rsp)", x86.noteArgument(7, 1, false));

        Platform aarch64 = Platform.LINUX_AARCH64;
        assertEquals("-4@x2", aarch64.noteArgument(2, 4, true), "no w registers: libbpf and bcc read x only");
        assertEquals("-8@x2", aarch64.noteArgument(2, 8, true));
        assertEquals("1@x7", aarch64.noteArgument(7, 1, false));
        assertEquals("8@[sp]", aarch64.noteArgument(8, 8, false));
        assertEquals("8@[sp, 8]", aarch64.noteArgument(9, 8, false));

        Platform ppc64le = Platform.LINUX_PPC64LE;
        assertEquals("8@3", ppc64le.noteArgument(0, 8, false), "the JNIEnv in r3, numbered as gcc writes it");
        assertEquals("-4@5", ppc64le.noteArgument(2, 4, true));
        assertEquals("1@10", ppc64le.noteArgument(7, 1, false));
        assertEquals("-8@96(1)", ppc64le.noteArgument(8, 8, true), "past the eight registers, past their homes");
        assertEquals("-4@104(1)", ppc64le.noteArgument(9, 4, true), "little-endian: at the slot's start");

        assertEquals(Platform.JniConvention.JNI_ARGUMENTS, 2);
        assertThrows(IllegalArgumentException.class, () -> x86.noteArgument(2, 3, true));
        assertThrows(IllegalArgumentException.class, () -> x86.jni().stackOffset(5));
    }

    /** A big-endian platform reads a narrow stack argument at its slot's far end. */
    @Test
    void aNarrowStackArgumentOfABigEndianPlatformIsAtTheSlotsEnd() {
        Platform.JniConvention jni = Platform.LINUX_X86_64.jni();
        assertEquals("-4@12(%rsp)", jni.noteArgument(6, 4, true, ByteOrder.BIG_ENDIAN));
        assertEquals("-4@8(%rsp)", jni.noteArgument(6, 4, true, ByteOrder.LITTLE_ENDIAN));
    }

    /** usdt4j-writer builds every platform's libraries; the C compiler those whose C usdt4j supports. */
    @Test
    void everyPlatformIsWrittenInJavaSomeAreCompiledToo() {
        for (Platform platform : Platform.values()) {
            assertTrue(platform.isBuiltBy(Platform.Backend.JAVA), platform.id());
        }
        assertEquals(List.of(Platform.Backend.C, Platform.Backend.JAVA), Platform.LINUX_X86_64.backends());
        assertEquals(List.of(Platform.Backend.C, Platform.Backend.JAVA), Platform.LINUX_AARCH64.backends());
        assertEquals(List.of(Platform.Backend.JAVA), Platform.LINUX_PPC64LE.backends());
        assertFalse(Platform.LINUX_PPC64LE.isBuiltBy(Platform.Backend.C));
        assertEquals("c java", Platform.LINUX_X86_64.fact("backends"));
        assertEquals("java", Platform.LINUX_PPC64LE.fact("backends"));
    }

    @Test
    void platformsOffTheTableAreNamedWithThoseOnIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Platform.parse("s390x"));
        assertEquals("usdt4j supports linux-x86_64, linux-aarch64 and linux-ppc64le, not s390x", e.getMessage());
        assertSame(Platform.LINUX_PPC64LE, Platform.parse("ppc64el"), "Debian's name");
        assertNull(PlatformId.parse("linux-s390x").platform());
        assertNull(PlatformId.parse("darwin-aarch64").platform());
        IllegalArgumentException s390x = assertThrows(IllegalArgumentException.class, () -> PlatformId.parseSupported("linux-s390x"));
        assertEquals("usdt4j supports linux-x86_64, linux-aarch64 and linux-ppc64le, not linux-s390x", s390x.getMessage());
        assertNull(Platform.archOfJavaName("s390x"));
    }

    @Test
    void scriptsGetEachFact() {
        assertEquals(List.of("linux-x86_64", "linux-aarch64", "linux-ppc64le"), Platform.answer(List.of("list")));
        assertEquals(List.of("gcc-aarch64-linux-gnu", "libc6-dev-arm64-cross", "binutils-aarch64-linux-gnu", "qemu-aarch64-static",
                        "/usr/lib/jvm/java-17-openjdk-arm64", "openjdk-17-jre-headless:arm64"),
                Platform.answer(List.of("arm64", "cross-compiler-package", "cross-libc-package", "binutils-package", "qemu-user",
                        "jdk-home", "jdk-package")));
        assertEquals(List.of("gcc-x86-64-linux-gnu", "libc6-dev-amd64-cross", "binutils-x86-64-linux-gnu"),
                Platform.answer(List.of("linux-x86_64", "cross-compiler-package", "cross-libc-package", "binutils-package")));
        assertEquals(List.of("linux-x86_64\tamd64\t1 5\tc java", "linux-aarch64\tarm64\t1\tc java", "linux-ppc64le\tppc64el\t1\tjava"),
                Platform.answer(List.of("table", "id", "debian-arch", "site-kinds", "backends")));
        assertEquals(List.of("gcc-powerpc64le-linux-gnu", "libc6-dev-ppc64el-cross", "qemu-ppc64le-static",
                        "/usr/lib/jvm/java-17-openjdk-ppc64el", "openjdk-17-jre-headless:ppc64el"),
                Platform.answer(List.of("ppc64el", "cross-compiler-package", "cross-libc-package", "qemu-user", "jdk-home",
                        "jdk-package")));
        for (Platform platform : Platform.values()) {
            for (String fact : Platform.FACTS) {
                assertFalse(platform.fact(fact).isBlank(), fact);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Platform.answer(List.of("arm64", "no-such-fact")));
        assertThrows(IllegalArgumentException.class, () -> Platform.answer(List.of()));
    }

    /** The source file runs on its own, without a build: the scripts ask it so. */
    @Test
    void theSourceFileAnswersScriptsWithoutABuild() throws Exception {
        Path source = Path.of("src/main/java/io/usdt4j/contract/Platform.java").toAbsolutePath();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assertEquals("linux-aarch64\narm64", Processes.run(java.toString(), source.toString(), "aarch64", "id", "debian-arch").strip());
        Processes.Result unknown = Processes.execute(Processes.PATIENCE, List.of(java.toString(), source.toString(), "s390x", "id"));
        assertEquals(1, unknown.exitCode(), unknown.output());
        assertTrue(unknown.output().contains("usdt4j supports linux-x86_64, linux-aarch64 and linux-ppc64le, not s390x"), unknown.output());
        assertNotNull(Platform.valueOf("LINUX_X86_64"));
    }
}
