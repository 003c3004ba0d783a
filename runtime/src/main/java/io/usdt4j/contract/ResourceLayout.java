// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

/**
 * Where usdt4j's files go, in the class output and so in the jar, and what the runtime names
 * the libraries it extracts. Everything lives under {@link #ROOT}; the Maven plugin treats that
 * directory as its own and removes from it whatever no current provider describes.
 */
public final class ResourceLayout {
    /** Every file usdt4j writes into a class output lies below this directory. */
    public static final String ROOT = "META-INF/usdt4j/";
    /** The processor's C sources, one per provider, which the plugin compiles. */
    public static final String SOURCE_DIRECTORY = ROOT + "src/";
    /** The libraries, one directory per platform ({@link PlatformId#id()}). */
    public static final String NATIVE_DIRECTORY = ROOT + "native/";
    /** Suffix of a probe description, the manifest of one provider. */
    public static final String DESCRIPTION_SUFFIX = ".json";
    /** The ELF section of a provider library that holds its description (not loaded into memory). */
    public static final String DESCRIPTION_SECTION = ".usdt4j";

    /** Suffix of a library's digest file ({@link #libraryDigest}). */
    public static final String DIGEST_SUFFIX = ".sha256";
    /** Hex digits of a SHA-256 digest. */
    public static final int DIGEST_HEX_DIGITS = 64;

    private static final String LIBRARY_PREFIX = "libusdt4j-";
    private static final String LIBRARY_SUFFIX = ".so";

    private ResourceLayout() {}

    /** {@code META-INF/usdt4j/src/shop.c}. */
    public static String cSource(String provider) {
        return SOURCE_DIRECTORY + provider + ".c";
    }

    /** {@code META-INF/usdt4j/shop.json}: the probe description. */
    public static String description(String provider) {
        return ROOT + provider + DESCRIPTION_SUFFIX;
    }

    /** {@code META-INF/usdt4j/shop.bt}: a bpftrace script that prints every probe. */
    public static String bpftraceScript(String provider) {
        return ROOT + provider + ".bt";
    }

    /** {@code META-INF/usdt4j/shop.jfc}: JFR settings that enable the provider's events. */
    public static String jfrSettings(String provider) {
        return ROOT + provider + ".jfc";
    }

    /**
     * A file the processor writes into the class output for a provider, besides its Java class: the
     * one list of them, which the processor writes and the plugin keeps (and removes when stale).
     * The library and its digest are written once per platform ({@link #perPlatform}); the
     * processor writes them for the platforms {@code -Ausdt4j.platforms} names, and the plugin
     * writes them again, compiled or written, for its own.
     */
    public enum Output {
        /** {@link #cSource}: the C of the provider's library, which the plugin compiles. */
        C_SOURCE,
        /** {@link #description}: the probe description. */
        DESCRIPTION,
        /** {@link #bpftraceScript}: a bpftrace script that prints every probe. */
        BPFTRACE_SCRIPT,
        /** {@link #jfrSettings}: JFR settings that enable the provider's events; {@code jfr = true} only. */
        JFR_SETTINGS,
        /** {@link #library}: the provider's library, one per platform. */
        LIBRARY,
        /** {@link #libraryDigest}: the library's SHA-256 ({@link #digestFile}), one per platform. */
        LIBRARY_DIGEST;

        /** Whether a provider has one of these per platform, rather than one. */
        public boolean perPlatform() {
            return switch (this) {
                case C_SOURCE, DESCRIPTION, BPFTRACE_SCRIPT, JFR_SETTINGS -> false;
                case LIBRARY, LIBRARY_DIGEST -> true;
            };
        }

        /**
         * Where this output of {@code provider} for {@code platform} goes; {@code platform} is
         * ignored, and may be null, unless the output is {@link #perPlatform}.
         */
        public String path(String provider, PlatformId platform) {
            if (perPlatform() && platform == null) {
                throw new IllegalArgumentException(this + " is written once per platform: name the platform");
            }
            return switch (this) {
                case C_SOURCE -> cSource(provider);
                case DESCRIPTION -> description(provider);
                case BPFTRACE_SCRIPT -> bpftraceScript(provider);
                case JFR_SETTINGS -> jfrSettings(provider);
                case LIBRARY -> library(platform, provider);
                case LIBRARY_DIGEST -> libraryDigest(platform, provider);
            };
        }

        /** The files of this output of {@code provider}: one, or one per platform of {@code platforms}, in their order. */
        public java.util.List<String> paths(String provider, java.util.Collection<PlatformId> platforms) {
            if (!perPlatform()) {
                return java.util.List.of(path(provider, null));
            }
            java.util.List<String> paths = new java.util.ArrayList<>();
            for (PlatformId platform : platforms) {
                paths.add(path(provider, platform));
            }
            return java.util.List.copyOf(paths);
        }

        /** Whether a provider has this output: {@code jfr} is its {@code @UsdtProvider(jfr)}. */
        public boolean isWrittenFor(boolean jfr) {
            return switch (this) {
                case C_SOURCE, DESCRIPTION, BPFTRACE_SCRIPT, LIBRARY, LIBRARY_DIGEST -> true;
                case JFR_SETTINGS -> jfr;
            };
        }

        /** The outputs of a provider with {@code @UsdtProvider(jfr = jfr)}, in the order the processor writes them. */
        public static java.util.List<Output> of(boolean jfr) {
            java.util.List<Output> outputs = new java.util.ArrayList<>();
            for (Output output : values()) {
                if (output.isWrittenFor(jfr)) {
                    outputs.add(output);
                }
            }
            return java.util.List.copyOf(outputs);
        }
    }

    /**
     * Every file of {@code provider}, with {@code @UsdtProvider(jfr = jfr)}, built for
     * {@code platforms}: what the processor writes besides its Java class, in {@link Output}'s order
     * (the per-platform ones in the order of {@code platforms}).
     */
    public static java.util.List<String> generatedResources(String provider, boolean jfr,
            java.util.Collection<PlatformId> platforms) {
        java.util.List<String> paths = new java.util.ArrayList<>();
        for (Output output : Output.of(jfr)) {
            paths.addAll(output.paths(provider, platforms));
        }
        return java.util.List.copyOf(paths);
    }

    /**
     * What a library's digest file holds ({@link #libraryDigest}): its SHA-256 in
     * {@value #DIGEST_HEX_DIGITS} lower-case hex digits and a newline, as {@code sha256sum} prints it.
     */
    public static String digestFile(byte[] library) {
        byte[] hash;
        try {
            hash = java.security.MessageDigest.getInstance("SHA-256").digest(library);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        return java.util.HexFormat.of().formatHex(hash) + "\n";
    }

    /** {@code META-INF/usdt4j/native/linux-x86_64/libusdt4j-shop.so}. */
    public static String library(PlatformId platform, String provider) {
        return NATIVE_DIRECTORY + platform.id() + "/" + libraryFileName(provider);
    }

    /**
     * {@code META-INF/usdt4j/native/linux-x86_64/libusdt4j-shop.so.sha256}: the SHA-256 of the
     * library beside it, {@value #DIGEST_HEX_DIGITS} lower-case hex digits and a newline
     * ({@link #digestFile}). The runtime names the extracted library by it without hashing the library
     * at start-up (it compares the bytes it extracts instead).
     */
    public static String libraryDigest(PlatformId platform, String provider) {
        return library(platform, provider) + DIGEST_SUFFIX;
    }

    /** Every file of {@code provider} for {@code platform} alone: the {@link Output#perPlatform} ones, the library and its digest. */
    public static java.util.List<String> nativeFiles(PlatformId platform, String provider) {
        java.util.List<String> paths = new java.util.ArrayList<>();
        for (Output output : Output.values()) {
            if (output.perPlatform()) {
                paths.add(output.path(provider, platform));
            }
        }
        return java.util.List.copyOf(paths);
    }

    /** {@code META-INF/usdt4j/native/{os}-{arch}/libusdt4j-shop.so}, as the description records it. */
    public static String libraryPattern(String provider) {
        return NATIVE_DIRECTORY + "{os}-{arch}/" + libraryFileName(provider);
    }

    /** {@code libusdt4j-shop.so}. */
    public static String libraryFileName(String provider) {
        return LIBRARY_PREFIX + provider + LIBRARY_SUFFIX;
    }

    /**
     * The file an extracted library gets: {@code libusdt4j-shop-<hash>.so}, or
     * {@code libusdt4j-shop-<hash>.<copy>.so} for a further class loader's copy. Stable for a
     * content, so tracers can attach by path before the JVM starts.
     *
     * @param hash the content's hash, 16 lower-case hex digits
     */
    public static String extractedLibraryFileName(String provider, String hash, int copy) {
        return LIBRARY_PREFIX + provider + "-" + hash + (copy == 0 ? "" : "." + copy) + LIBRARY_SUFFIX;
    }

    /**
     * The provider of an extracted library's file name, or null when {@code fileName} is not one
     * (its provider, too, must be a {@link UsdtNames#isValid valid name}):
     * {@code libusdt4j-shop-0123456789abcdef.so} and {@code libusdt4j-shop-0123456789abcdef.1.so}
     * give {@code shop}.
     */
    public static String providerOfExtractedLibrary(String fileName) {
        if (!fileName.startsWith(LIBRARY_PREFIX) || !fileName.endsWith(LIBRARY_SUFFIX)) {
            return null;
        }
        String middle = fileName.substring(LIBRARY_PREFIX.length(), fileName.length() - LIBRARY_SUFFIX.length());
        int dot = middle.indexOf('.');
        if (dot >= 0) {
            for (int i = dot + 1; i < middle.length(); i++) {
                if (!Character.isDigit(middle.charAt(i))) {
                    return null;
                }
            }
            middle = middle.substring(0, dot);
        }
        int dash = middle.lastIndexOf('-');
        if (dash <= 0 || middle.length() - dash - 1 != HASH_DIGITS) {
            return null;
        }
        for (int i = dash + 1; i < middle.length(); i++) {
            if (Character.digit(middle.charAt(i), 16) < 0) {
                return null;
            }
        }
        String provider = middle.substring(0, dash);
        return UsdtNames.isValid(provider) ? provider : null;
    }

    /** How many hex digits of the content hash an extracted library's name carries. */
    public static final int HASH_DIGITS = 16;
}
