// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import io.usdt4j.contract.Platform;
import static org.junit.jupiter.api.Assertions.fail;

import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks an encoder against GNU as: each case is what the encoder writes and the same instructions as
 * assembly; all of them are assembled and linked at one address by binutils for the platform, and
 * each case's bytes must be binutils' bytes.
 */
final class GnuAssembler {
    static final long ADDRESS = 0x10000;

    /** What an encoder writes into a text, and the assembly that says the same. */
    record Case<A>(Consumer<A> encode, String assembly) {}

    private GnuAssembler() {}

    /** {@code symbols} are {@code name=address} definitions for the linker, which the cases refer to. */
    static <A> void check(Platform platform, java.util.function.Function<Text, A> assembler, List<String> symbols,
            List<Case<A>> cases, Path temp) throws Exception {
        String prefix = platform.gnuTriplet() + "-";
        TracerRequirement.requireTool(prefix + "as", "binutils-" + platform.gnuTriplet().replace('_', '-'));
        Text text = new Text(ADDRESS, ByteOrder.LITTLE_ENDIAN, 1024);
        A encoder = assembler.apply(text);
        List<Integer> starts = new ArrayList<>();
        StringBuilder source = new StringBuilder();
        source.append(".text\n");
        for (Case<A> c : cases) {
            starts.add(text.size());
            c.encode().accept(encoder);
            source.append(c.assembly()).append('\n');
        }
        starts.add(text.size());
        Path assembly = Files.writeString(temp.resolve("cases.s"), source);
        Path object = temp.resolve("cases.o");
        Path linked = temp.resolve("cases");
        Path binary = temp.resolve("cases.bin");
        Processes.run(prefix + "as", "-o", object.toString(), assembly.toString());
        List<String> link = new ArrayList<>(List.of(prefix + "ld", "-Ttext=0x" + Long.toHexString(ADDRESS), "-e",
                "0x" + Long.toHexString(ADDRESS), "-o", linked.toString(), object.toString()));
        symbols.forEach(symbol -> link.add("--defsym=" + symbol));
        Processes.run(Processes.PATIENCE, link);
        Processes.run(prefix + "objcopy", "-O", "binary", "-j", ".text", linked.toString(), binary.toString());
        byte[] expected = Files.readAllBytes(binary);
        byte[] actual = text.code().toByteArray();
        HexFormat hex = HexFormat.ofDelimiter(" ");
        for (int i = 0; i < cases.size(); i++) {
            int from = starts.get(i);
            int to = starts.get(i + 1);
            byte[] ours = java.util.Arrays.copyOfRange(actual, from, to);
            byte[] theirs = java.util.Arrays.copyOfRange(expected, Math.min(from, expected.length), Math.min(to, expected.length));
            if (!java.util.Arrays.equals(ours, theirs)) {
                fail("case " + i + " at +" + from + ", " + cases.get(i).assembly().replace('\n', ';') + ": ours "
                        + hex.formatHex(ours) + ", GNU as " + hex.formatHex(theirs));
            }
        }
        if (expected.length != actual.length) {
            fail("GNU as wrote " + expected.length + " bytes, the encoder " + actual.length);
        }
    }
}
