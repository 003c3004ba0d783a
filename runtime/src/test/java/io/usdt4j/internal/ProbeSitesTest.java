// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeSitesTest {

    @ParameterizedTest
    @CsvSource({
            "linux-x86_64, 6.18.44-fc-v669, true",
            "linux-x86_64, 6.18, true",
            "linux-x86_64, 7.0.1-arch1-1, true",
            "linux-x86_64, 10.2, true",
            "linux-x86_64, 6.17.9-300.fc43.x86_64, false",
            "linux-x86_64, 6.1.0-28-amd64, false",
            "linux-x86_64, 5.15.0-91-generic, false",
            "linux-x86_64, not-a-version, false",
            "linux-x86_64, 6., false",
            "linux-x86_64, .18, false",
            "linux-aarch64, 6.18.0, false",
            "darwin-x86_64, 24.1.0, false",
            "linux-riscv64, 6.18.0, false"})
    void onlyLinux618OnX8664OptimizesFiveByteNops(String platform, String release, boolean expected) {
        assertEquals(expected ? Platform.SiteKind.NOP5 : Platform.SiteKind.NOP, ProbeSites.preferred(PlatformId.parse(platform), release));
    }

    @Test
    void probeNopPropertyForcesEitherSiteOrRejectsOthers() {
        PlatformId platform = PlatformId.LINUX_X86_64;
        try (var one = SystemProperty.set(Settings.PROBE_NOP, "1")) {
            assertEquals(1, ProbeSites.nopSize(platform));
        }
        try (var five = SystemProperty.set(Settings.PROBE_NOP, "5")) {
            assertEquals(5, ProbeSites.nopSize(platform));
        }
        try (var auto = SystemProperty.set(Settings.PROBE_NOP, "auto")) {
            assertEquals(ProbeSites.preferred(platform, System.getProperty("os.version")).number(), ProbeSites.nopSize(platform));
            assertEquals(1, ProbeSites.nopSize(PlatformId.LINUX_AARCH64), "aarch64 has one-byte sites only");
        }
        try (var bad = SystemProperty.set(Settings.PROBE_NOP, "3")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProbeSites.nopSize(platform));
            assertEquals("-Dusdt4j.probeNop must be 1, 5 or auto, not '3'", e.getMessage());
        }
    }
}
