// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import io.usdt4j.contract.Platform;
import io.usdt4j.testsupport.Goldens;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The written libraries, as binutils reads them, against reviewed summaries: headers, sections,
 * segments, dynamic section, relocations, dynamic symbols and notes ({@code readelf}), and the
 * disassembled text ({@code objdump -d}). The build ID in each is the SHA-1 of the whole file, so a
 * summary pins every byte: the same on every JDK and host. After an intended change to the writer,
 * {@code ./mvnw -B -o -pl writer test -Dtest=GoldenLibraryTest -Dusdt4j.updateGolden=true} rewrites
 * them; review the diff before committing it.
 */
class GoldenLibraryTest {
    static Stream<Arguments> libraries() {
        return Stream.of(TestProviders.SHOP, TestProviders.EVERY_TYPE, TestProviders.MINIMAL)
                .flatMap(library -> Stream.of(Platform.values()).map(platform -> Arguments.of(library, platform)));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("libraries")
    void summaryIsReviewed(ProviderLibrary library, Platform platform, @TempDir Path temp) throws Exception {
        TracerRequirement.requireTool("readelf", "binutils");
        TracerRequirement.requireTool(platform.objdump(), "binutils-" + platform.gnuTriplet().replace('_', '-'));
        String name = "lib" + library.provider() + "-" + platform.id() + ".so";
        Path file = Files.write(temp.resolve(name), LibraryWriter.write(library, platform));
        String summary = "$ readelf -W -h -S -l -d -r --dyn-syms -n " + name + "\n"
                + Processes.run("readelf", "-W", "-h", "-S", "-l", "-d", "-r", "--dyn-syms", "-n", file.toString())
                + "\n$ " + platform.objdump() + " -d " + name + "\n"
                + Processes.run(platform.objdump(), "-d", file.toString());
        Goldens.assertMatches(name + ".txt", summary.replace(temp + "/", ""));
    }
}
