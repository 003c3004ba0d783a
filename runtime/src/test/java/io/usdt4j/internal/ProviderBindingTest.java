// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.usdt4j.UsdtUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paths on which no library is loaded; loading a real one needs a built provider. */
class ProviderBindingTest {
    private LogCapture log;
    private List<LogRecord> records;

    @TempDir
    Path temp;

    @BeforeEach
    void captureLog() {
        log = LogCapture.start();
        records = log.records;
    }

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Test
    void otherPlatformGivesAnInertBinding() {
        try (var darwin = SystemProperty.set(Settings.PLATFORM, "darwin-aarch64")) {
            assertInert(ProviderBinding.load(new TestNatives(), "x", 3, 255, 1),
                    "USDT probes need Linux, and this is darwin-aarch64");
        }
    }

    @Test
    void disablePropertyGivesAnInertBinding() {
        try (var disable = SystemProperty.set(Settings.DISABLE, "true")) {
            assertInert(ProviderBinding.load(new TestNatives(), "x", 3, 255, 1), "-Dusdt4j.disable=true");
        }
    }

    @Test
    void missingLibraryGivesAnInertBinding() {
        String platform = Settings.platform().id();
        try (var dir = SystemProperty.set(Settings.DIRECTORY, temp.resolve("libs").toString())) {
            assertInert(ProviderBinding.load(new TestNatives(), "x", 3, 255, 1), "no native library for " + platform
                    + " on the class path (META-INF/usdt4j/native/" + platform + "/libusdt4j-x.so); build the jar again with"
                    + " usdt4j's processor, which writes the library of every platform unless -Ausdt4j.platforms (or the"
                    + " plugin's <platforms>) leaves " + platform + " out");
        }
    }

    @Test
    void malformedPlatformOverrideGivesAnInertBindingNotAnError() {
        try (var bad = SystemProperty.set(Settings.PLATFORM, "linux")) {
            assertInert(ProviderBinding.load(new TestNatives(), "x", 3, 255, 1), "java.lang.IllegalArgumentException:"
                    + " -Dusdt4j.platform=linux: a platform looks like linux-x86_64 or linux-aarch64, not 'linux'");
        }
    }

    @Test
    void requiredProviderThrowsNamingTheCauseAndLogsNothing() {
        try (var darwin = SystemProperty.set(Settings.PLATFORM, "darwin-aarch64");
             var required = SystemProperty.set(Settings.REQUIRED, "true")) {
            UsdtUnavailableException e = assertThrows(UsdtUnavailableException.class,
                    () -> ProviderBinding.load(new TestNatives(), "x", 3, 255, 1));
            assertEquals("usdt4j: provider 'x' is required (-Dusdt4j.required=true) but unavailable:"
                    + " USDT probes need Linux, and this is darwin-aarch64", e.getMessage());
            assertEquals("x", e.provider());
            assertEquals("USDT probes need Linux, and this is darwin-aarch64", e.reason());
            assertEquals(List.of(), records);
        }
    }

    /** What failed is kept as the cause, and named in the reason. */
    @Test
    void requiredProviderKeepsTheCause() {
        try (var bad = SystemProperty.set(Settings.PLATFORM, "linux");
             var required = SystemProperty.set(Settings.REQUIRED, "true")) {
            UsdtUnavailableException e = assertThrows(UsdtUnavailableException.class,
                    () -> ProviderBinding.load(new TestNatives(), "x", 3, 255, 1));

            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertEquals("-Dusdt4j.platform=linux: a platform looks like linux-x86_64 or linux-aarch64, not 'linux'",
                    e.getCause().getMessage());
            assertEquals(e.getCause().toString(), e.reason());
        }
    }

    @Test
    void inertBindingKeepsTheCause() {
        try (var bad = SystemProperty.set(Settings.PLATFORM, "linux")) {
            ProviderBinding binding = ProviderBinding.load(new TestNatives(), "x", 3, 255, 1);

            assertInstanceOf(IllegalArgumentException.class, binding.unavailableCause().orElseThrow());
        }
    }

    /** The warning's text names every cause that the message above it does not already give. */
    @Test
    void describedFailureNamesItsCauses() {
        IOException root = new IOException("disk full");
        RuntimeException wrapper = new RuntimeException("extracting failed", new IllegalStateException(root));

        assertEquals("java.lang.RuntimeException: extracting failed; caused by java.lang.IllegalStateException:"
                + " java.io.IOException: disk full", ProviderBinding.describe(wrapper));
        assertEquals("java.io.UncheckedIOException: java.io.IOException: disk full",
                ProviderBinding.describe(new java.io.UncheckedIOException(root)), "a cause already named is not repeated");
        assertEquals("java.lang.Error", ProviderBinding.describe(new Error()));
    }

    @Test
    void describingACycleOfCausesEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);

        assertEquals("java.lang.IllegalStateException: first; caused by java.lang.IllegalArgumentException: second",
                ProviderBinding.describe(first));
    }

    @Test
    void nativeAccessIsAskedForByModuleName() {
        assertEquals("ALL-UNNAMED", ProviderBinding.nativeAccessName(getClass().getModule()));
        assertEquals("java.base", ProviderBinding.nativeAccessName(Object.class.getModule()));
    }

    @Test
    void disableWinsOverRequired() {
        try (var disable = SystemProperty.set(Settings.DISABLE, "true");
             var required = SystemProperty.set(Settings.REQUIRED, "true")) {
            assertInert(ProviderBinding.load(new TestNatives(), "x", 3, 255, 1), "-Dusdt4j.disable=true");
        }
    }

    @Test
    void bindingIsFoundByTheLoadingClass() {
        try (var disable = SystemProperty.set(Settings.DISABLE, "true")) {
            ProviderBinding binding = ProviderBinding.load(new TestNatives(), "x", 1, 255, 1);

            assertSame(binding, ProviderBinding.of(TestNatives.class).orElseThrow());
        }
    }

    /** What a tracer does to the library's semaphores, done here to a buffer of our own. */
    @Test
    void probeIsActiveExactlyWhileItsSemaphoreIsRaised() throws Exception {
        ByteBuffer region = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        ProviderBinding binding = ProviderBinding.over("x", region, new int[] {6, 2}, null);
        Semaphores memory = binding.semaphores();

        assertEquals(List.of(false, false), active(binding, memory));
        region.putShort(2, (short) 1);
        assertEquals(List.of(false, true), active(binding, memory));
        region.putShort(6, (short) 2);
        assertEquals(List.of(true, true), active(binding, memory));
        region.putShort(2, (short) 0);
        region.putShort(6, (short) 0);
        assertEquals(List.of(false, false), active(binding, memory));
        assertEquals(List.of(), records, "a loaded binding logs nothing");
    }

    /** The library's offsets count from the region's start, whatever the buffer's position and limit. */
    @Test
    void offsetsCountFromTheRegionsStart() throws Exception {
        ByteBuffer region = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        region.putShort(6, (short) 1);
        region.position(4).limit(6);

        ProviderBinding binding = ProviderBinding.over("x", region, new int[] {0, 6}, null);

        assertEquals(List.of(false, true), active(binding, binding.semaphores()));
        assertEquals(4, region.position(), "the library's buffer is left alone");
    }

    @Test
    void regionThatIsNotNativeMemoryIsRefused() {
        for (ByteBuffer region : new ByteBuffer[] {null, ByteBuffer.allocate(8)}) {
            UnavailableException e = assertThrows(UnavailableException.class,
                    () -> ProviderBinding.over("x", region, new int[] {0}, null));
            assertEquals("the native library returned no semaphore memory", e.getMessage());
        }
    }

    @Test
    void unalignedRegionIsRefused() {
        ByteBuffer unaligned = ByteBuffer.allocateDirect(9).position(1).slice();

        UnavailableException e = assertThrows(UnavailableException.class,
                () -> ProviderBinding.over("x", unaligned, new int[] {0}, null));
        assertEquals("the native library returned semaphore memory that is not 2-byte aligned", e.getMessage());
    }

    /** Offsets are copied once checked: changing the array later changes nothing. */
    @Test
    void offsetsAreKeptAsChecked() throws Exception {
        int[] offsets = {2};
        ProviderBinding binding = ProviderBinding.over("x", ByteBuffer.allocateDirect(4), offsets, null);
        offsets[0] = 1 << 20;

        assertEquals(2, binding.offset(0));
    }

    @Test
    void semaphoresSayNothingOfTheirAddress() throws Exception {
        ProviderBinding binding = ProviderBinding.over("x", ByteBuffer.allocateDirect(8), new int[] {0}, null);

        assertEquals("Semaphores[8 bytes]", binding.semaphores().toString());
    }

    @Test
    void offsetsOutsideTheRegionOrMisalignedAreRefused() {
        for (int offset : new int[] {-2, 1, 7, 8}) {
            UnavailableException e = assertThrows(UnavailableException.class,
                    () -> ProviderBinding.over("x", ByteBuffer.allocateDirect(8), new int[] {0, offset}, null));
            assertEquals("the native library returned semaphore offsets [0, " + offset + "] outside its 8-byte region",
                    e.getMessage());
        }
    }

    private static List<Boolean> active(ProviderBinding binding, Semaphores memory) {
        return List.of(memory.isActive(binding.offset(0)), memory.isActive(binding.offset(1)));
    }

    private void assertInert(ProviderBinding binding, String reason) {
        assertEquals("x", binding.provider());
        for (int probe = 0; probe < 3; probe++) {
            assertFalse(binding.semaphores().isActive(binding.offset(probe)), "probe " + probe);
        }
        assertEquals(Optional.of(reason), binding.unavailableReason());
        assertEquals(Optional.empty(), binding.library());

        assertEquals(1, records.size(), () -> "log records: " + records.stream().map(LogCapture::text).toList());
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertEquals("usdt4j: probes of provider 'x' are disabled and do nothing: " + reason, LogCapture.text(records.get(0)));
    }
}
