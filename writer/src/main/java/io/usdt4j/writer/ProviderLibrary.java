// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import io.usdt4j.contract.Limits;
import io.usdt4j.contract.UsdtNames;
import io.usdt4j.description.ArgumentDescription;
import io.usdt4j.description.DescriptionCodec;
import io.usdt4j.description.DescriptionFormat;
import io.usdt4j.description.MalformedDescriptionException;
import io.usdt4j.description.ProbeDescription;
import io.usdt4j.description.ProviderDescription;
import io.usdt4j.description.TracerType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link LibraryWriter} writes a library from: a provider, the generated class whose natives the
 * library registers, its probes in order (a probe's index is its semaphore's), and the probe
 * description that goes, as is, into the library's {@code .usdt4j} section.
 *
 * @param provider the provider's name, as USDT notes and tracers use it
 * @param classJniName the generated class as JNI's {@code FindClass} names it: {@code com/example/ShopProbesUsdt}
 * @param probes at least one, at most {@link Limits#MAX_PROBES}, no two of one name
 * @param description the provider's probe description (its {@code .json}), kept as given
 */
public record ProviderLibrary(String provider, String classJniName, List<Probe> probes, byte[] description) {
    /** The longest class name, in chars: far beyond any a compiler writes, and within JNI's modified UTF-8. */
    static final int MAX_CLASS_NAME_LENGTH = 1024;

    /**
     * One probe: its name ({@code order_placed}, which names its native {@code fire$order_placed}
     * too) and what a tracer reads of each argument, in order, at most {@link Limits#MAX_ARGUMENTS}.
     * The native's parameters are {@link FireNative#parameterType those of the types}.
     *
     * @param name the probe's name, as tracers attach to it ({@link UsdtNames})
     * @param arguments what a tracer reads of each argument, in order
     */
    public record Probe(String name, List<TracerType> arguments) {
        /**
         * Checks the name and the argument count; keeps its own copy of {@code arguments}.
         *
         * @param name the probe's name
         * @param arguments what a tracer reads of each argument
         * @throws IllegalArgumentException when the name is not a probe name or there are more
         *     than {@link Limits#MAX_ARGUMENTS} arguments
         */
        public Probe {
            checkName("probe", name);
            arguments = List.copyOf(arguments);
            if (arguments.size() > Limits.MAX_ARGUMENTS) {
                throw new IllegalArgumentException("probe " + name + " has " + arguments.size() + " arguments; a probe has at most "
                        + Limits.MAX_ARGUMENTS);
            }
        }

        /**
         * The native this probe's sites are bound to.
         *
         * @return its name, {@code fire$order_placed}
         */
        public String nativeName() {
            return io.usdt4j.contract.NativeContract.fireMethodName(name);
        }

        /**
         * The JNI descriptor of the native {@link #nativeName()} names.
         *
         * @return {@code (JJI)V}, from {@link FireNative#descriptor}
         */
        public String nativeDescriptor() {
            return FireNative.descriptor(arguments);
        }
    }

    /**
     * Checks every part; keeps its own copies of {@code probes} and {@code description}.
     *
     * @param provider the provider's name
     * @param classJniName the generated class, as {@code FindClass} names it
     * @param probes its probes, in order
     * @param description its description
     * @throws IllegalArgumentException when a name is not one, or there are no probes, too many, or
     *     two of one name
     */
    public ProviderLibrary {
        checkName("provider", provider);
        Objects.requireNonNull(classJniName, "classJniName");
        if (classJniName.isEmpty() || classJniName.length() > MAX_CLASS_NAME_LENGTH || classJniName.startsWith("/")
                || classJniName.endsWith("/") || classJniName.contains("//") || !binaryNameChars(classJniName)) {
            throw new IllegalArgumentException("'" + classJniName + "' is not a class name as JNI writes it"
                    + " (com/example/ShopProbesUsdt)");
        }
        probes = List.copyOf(probes);
        if (probes.isEmpty() || !Limits.isProbeCount(probes.size())) {
            throw new IllegalArgumentException(probes.size() + " probes: a library has 1 to " + Limits.MAX_PROBES);
        }
        Set<String> names = new HashSet<>();
        for (Probe probe : probes) {
            if (!names.add(probe.name())) {
                throw new IllegalArgumentException("two probes are named '" + probe.name() + "'");
            }
        }
        description = description.clone();
    }

    /**
     * The library of the provider that {@code description} describes: its {@code .json}, as the
     * processor wrote it in this build (the current {@link DescriptionFormat#VERSION}), which goes as
     * is into the library. Its class is the generated class, a top-level class: its canonical name
     * is its binary name.
     *
     * @param description the bytes of the provider's {@code .json}
     * @return the library of the provider it describes
     * @throws MalformedDescriptionException when {@code description} is not a description
     * @throws IllegalArgumentException when it is of another format, or describes no probe
     */
    public static ProviderLibrary ofDescription(byte[] description) throws MalformedDescriptionException {
        ProviderDescription parsed = DescriptionCodec.read(description);
        if (parsed.format() != DescriptionFormat.VERSION) {
            // Format 2 called a boolean uint8: its native's parameter could not be told from a byte's.
            throw new IllegalArgumentException("a library is written from a description of format "
                    + DescriptionFormat.VERSION + ", as this usdt4j's processor writes it, not of format " + parsed.format()
                    + ": compile the provider again");
        }
        List<Probe> probes = new ArrayList<>(parsed.probes().size());
        for (ProbeDescription probe : parsed.probes()) {
            List<TracerType> arguments = new ArrayList<>(probe.arguments().size());
            for (ArgumentDescription argument : probe.arguments()) {
                arguments.add(argument.tracerType());
            }
            probes.add(new Probe(probe.name(), arguments));
        }
        return of(parsed.provider(), parsed.className(), probes, description);
    }

    /**
     * A library that binds the natives of a class named as Java names it.
     *
     * @param provider the provider's name
     * @param className the generated class's binary name, {@code com.example.ShopProbesUsdt}
     * @param probes its probes, in order
     * @param description the provider's description, for the {@code .usdt4j} section
     * @return the library
     */
    public static ProviderLibrary of(String provider, String className, List<Probe> probes, byte[] description) {
        return new ProviderLibrary(provider, className.replace('.', '/'), probes, description);
    }

    /**
     * The description the library carries.
     *
     * @return a copy of it
     */
    @Override
    public byte[] description() {
        return description.clone();
    }

    /** The description without a copy, for the writer only. */
    byte[] descriptionBytes() {
        return description;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProviderLibrary that && provider.equals(that.provider)
                && classJniName.equals(that.classJniName) && probes.equals(that.probes)
                && Arrays.equals(description, that.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, classJniName, probes, Arrays.hashCode(description));
    }

    @Override
    public String toString() {
        List<String> probeNames = new ArrayList<>();
        for (Probe probe : probes) {
            probeNames.add(probe.name() + probe.arguments());
        }
        return "ProviderLibrary[" + provider + " for " + classJniName + ": " + probeNames + ", description of "
                + description.length + " bytes]";
    }

    /** A provider or probe name is what tracers and the C backend take: {@link UsdtNames}'s grammar. */
    private static void checkName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (!UsdtNames.isValid(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a " + what + " name: 1 to " + UsdtNames.MAX_LENGTH
                    + " letters, digits and _, not starting with a digit, not one of " + UsdtNames.reservedNames());
        }
    }

    /** No character a class's binary name cannot hold: {@code . ; [}, controls, white space. */
    private static boolean binaryNameChars(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == '.' || c == ';' || c == '[' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }
}
