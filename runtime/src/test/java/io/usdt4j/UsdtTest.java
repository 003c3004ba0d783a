// SPDX-License-Identifier: Apache-2.0
package io.usdt4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsdtTest {

    interface NotAnnotated {
        void fired();
    }

    @UsdtProvider
    static final class AnnotatedClass {}

    @Test
    void topLevelInterfaceGetsUsdtAppended() {
        assertEquals("io.usdt4j.UnprocessedProbesUsdt", Usdt.generatedClassName(UnprocessedProbes.class));
    }

    @Test
    void nestedInterfaceJoinsEnclosingNamesWithUnderscores() {
        assertEquals("io.usdt4j.Outer_InnerUsdt", Usdt.generatedClassName(Outer.Inner.class));
        assertEquals("io.usdt4j.Outer_Inner_DeeperUsdt", Usdt.generatedClassName(Outer.Inner.Deeper.class));
    }

    @ParameterizedTest
    @ValueSource(classes = {NotAnnotated.class, AnnotatedClass.class})
    void onlyAnnotatedInterfacesAreProviders(Class<?> notAProvider) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Usdt.provider(notAProvider));

        assertEquals(notAProvider.getName() + " is not an interface annotated with @io.usdt4j.UsdtProvider:"
                + " pass the @UsdtProvider interface that declares the probes", e.getMessage());
    }

    @Test
    void missingGeneratedClassSaysToAddTheProcessor() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Usdt.provider(UnprocessedProbes.class));

        assertEquals("No generated class io.usdt4j.UnprocessedProbesUsdt for io.usdt4j.UnprocessedProbes:"
                + " add usdt4j-processor to the compiler's annotationProcessorPaths", e.getMessage());
        assertInstanceOf(ClassNotFoundException.class, e.getCause());
    }

    @Test
    void libraryPathAndReasonCheckTheInterfaceFirst() {
        assertThrows(IllegalArgumentException.class, () -> Usdt.libraryPath(NotAnnotated.class));
        assertThrows(IllegalArgumentException.class, () -> Usdt.unavailableReason(UnprocessedProbes.class));
    }
}
