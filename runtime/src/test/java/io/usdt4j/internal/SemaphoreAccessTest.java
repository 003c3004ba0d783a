// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.internal.SemaphoreAccess.Kind;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each way of reading semaphores that this JDK allows, in this JVM; the one this JVM chose is
 * the one {@link Semaphores#isActive} uses, and {@link SemaphoreAccessPropertyTest} forces
 * the others in JVMs of their own.
 */
class SemaphoreAccessTest {
    private static final int FEATURE = Runtime.version().feature();
    private static final boolean SEGMENTS = FEATURE >= SemaphoreAccess.SEGMENT_FEATURE;
    /** The kind a JVM of this feature release uses when nothing is asked for. */
    static final Kind AUTOMATIC = SEGMENTS ? Kind.SEGMENT : Kind.UNSAFE;
    /** The fast kind this feature release must not use. */
    private static final Kind OTHER = SEGMENTS ? Kind.UNSAFE : Kind.SEGMENT;

    static Stream<Kind> allowedKinds() {
        return Stream.of(AUTOMATIC, Kind.BUFFER);
    }

    @ParameterizedTest
    @MethodSource("allowedKinds")
    void everyKindThisJdkAllowsReadsWhatIsWrittenAtEachOffset(Kind kind) throws Throwable {
        SemaphoreAccess access = SemaphoreAccess.create(kind, FEATURE);
        assertEquals(kind, access.kind);
        ByteBuffer region = ByteBuffer.allocateDirect(4 * Short.BYTES).order(ByteOrder.nativeOrder());
        Semaphores semaphores = access.over(region.asReadOnlyBuffer(), null);
        for (int offset = 0; offset < region.capacity(); offset += Short.BYTES) {
            assertFalse(semaphores.isActive(offset), "zeros at first, at " + offset);
            region.putShort(offset, (short) 1); // a tracer attaches
            assertTrue(semaphores.isActive(offset), "one tracer at " + offset);
            region.putShort(offset, (short) 0xFFFF); // the kernel's unsigned short, negative as a Java short
            assertTrue(semaphores.isActive(offset), "65535 tracers at " + offset);
            region.putShort(offset, (short) 0x0100); // only the high byte set: the whole short is read
            assertTrue(semaphores.isActive(offset), "256 tracers at " + offset);
            region.putShort(offset, (short) 0); // the last one detaches
            assertFalse(semaphores.isActive(offset), "detached at " + offset);
            for (int other = 0; other < region.capacity(); other += Short.BYTES) {
                assertFalse(semaphores.isActive(other), "nothing else changed, at " + other);
            }
        }
        assertEquals("Semaphores[8 bytes]", semaphores.toString(), "the size, not the address");
        Reference.reachabilityFence(region);
    }

    @Test
    void automaticChoiceIsTheFastKindOfThisJdk() {
        SemaphoreAccess.Choice choice = SemaphoreAccess.choose(null, FEATURE);

        assertEquals(AUTOMATIC, choice.access().kind);
        assertEquals(List.of(), choice.passedOver());
        assertFalse(choice.requestRefused());
        assertEquals(AUTOMATIC.id(), ProviderBinding.semaphoreAccess(), "what this very JVM chose");
    }

    @ParameterizedTest
    @MethodSource("allowedKinds")
    void aKindThisJdkAllowsIsTakenWhenAskedFor(Kind kind) {
        SemaphoreAccess.Choice choice = SemaphoreAccess.choose(" " + kind.name() + " ", FEATURE);

        assertEquals(kind, choice.access().kind);
        assertEquals(List.of(), choice.passedOver());
        assertFalse(choice.requestRefused());
    }

    @Test
    void theOtherFastKindCannotBeMade() {
        SemaphoreAccess.Unusable e = assertThrows(SemaphoreAccess.Unusable.class,
                () -> SemaphoreAccess.create(OTHER, FEATURE));
        assertTrue(e.getMessage().contains("JDK 22 or later"), e.getMessage());
    }

    @Test
    void theOtherFastKindIsRefusedSayingWhy() {
        SemaphoreAccess.Choice choice = SemaphoreAccess.choose(OTHER.id(), FEATURE);

        assertEquals(AUTOMATIC, choice.access().kind);
        assertTrue(choice.requestRefused());
        assertEquals(List.of(SEGMENTS
                ? "unsafe is not used on JDK 22 or later (JDK 24 and later warn about sun.misc.Unsafe's memory access),"
                        + " and this is JDK " + FEATURE
                : "segment needs JDK 22 or later, and this is JDK " + FEATURE), choice.passedOver());
    }

    @Test
    void anUnknownKindIsRefusedSayingWhy() {
        SemaphoreAccess.Choice choice = SemaphoreAccess.choose("fast", FEATURE);

        assertEquals(AUTOMATIC, choice.access().kind);
        assertTrue(choice.requestRefused());
        assertEquals(List.of("-Dusdt4j.semaphoreAccess=fast names none of segment, unsafe, buffer"), choice.passedOver());
    }

    /** A JDK that claims segments but cannot load the Java 22 class: segment fails, buffer remains. */
    @Test
    @EnabledForJreRange(max = JRE.JAVA_21)
    void whenTheFastKindFailsTheBufferRemains() {
        SemaphoreAccess.Choice choice = SemaphoreAccess.choose(null, SemaphoreAccess.SEGMENT_FEATURE);

        assertEquals(Kind.BUFFER, choice.access().kind);
        assertFalse(choice.requestRefused(), "nothing was asked for");
        assertEquals(1, choice.passedOver().size(), choice.passedOver().toString());
        assertTrue(choice.passedOver().get(0).startsWith(
                "segment failed: java.lang.UnsupportedClassVersionError: io/usdt4j/internal/SegmentSemaphores"),
                choice.passedOver().toString());
    }

    /**
     * A mapped file faults once it shrinks, and a library's semaphores are never one: refused where
     * this JDK can tell (unsafe and segment; buffer from JDK 22 on, through the file's segment).
     */
    @ParameterizedTest
    @MethodSource("allowedKinds")
    void aMappedFileIsRefused(Kind kind, @TempDir Path temp) throws Throwable {
        SemaphoreAccess access = SemaphoreAccess.create(kind, FEATURE);
        Path file = Files.write(temp.resolve("mapped"), new byte[8]);
        MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, 8);
        }
        if (kind == Kind.BUFFER && !SEGMENTS) {
            access.over(mapped.asReadOnlyBuffer(), null); // read as the JDK reads any buffer
            return;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> access.over(mapped.asReadOnlyBuffer(), null));
        assertEquals("the semaphore memory is a mapped file, whose pages fault once the file shrinks;"
                + " only a native library's memory is read", e.getMessage());
    }
}
