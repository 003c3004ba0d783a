package io.usdt4j.runtime;

import java.util.Locale;

/**
 * The operating system and CPU a native library is built for, and where it sits in a jar.
 *
 * <p>The Maven plugin and the runtime both use this class, so a library is always looked up
 * under the name it was packaged with.
 */
public record Platform(String os, String arch) {

    /** Lets tests simulate another platform, for example {@code -Dusdt4j.platform=darwin-aarch64}. */
    public static final String OVERRIDE_PROPERTY = "usdt4j.platform";

    /** The platform this JVM runs on. */
    public static Platform current() {
        String override = System.getProperty(OVERRIDE_PROPERTY, "");
        if (!override.isEmpty()) {
            int dash = override.indexOf('-');
            if (dash <= 0 || dash == override.length() - 1) {
                throw new IllegalArgumentException(
                        OVERRIDE_PROPERTY + " must look like linux-x86_64, not '" + override + "'");
            }
            return new Platform(override.substring(0, dash), override.substring(dash + 1));
        }
        return new Platform(normalizeOs(System.getProperty("os.name")), normalizeArch(System.getProperty("os.arch")));
    }

    public boolean isLinux() {
        return os.equals("linux");
    }

    /** {@code linux-x86_64}: the folder name for this platform's libraries. */
    public String id() {
        return os + "-" + arch;
    }

    /** The class-path resource that holds {@code provider}'s library for this platform. */
    public String libraryResource(String provider) {
        return "META-INF/usdt4j/native/" + id() + "/" + libraryFileName(provider);
    }

    public static String libraryFileName(String provider) {
        return "libusdt4j-" + provider + ".so";
    }

    static String normalizeOs(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) return "linux";
        if (os.startsWith("mac") || os.startsWith("darwin")) return "darwin";
        if (os.startsWith("windows")) return "windows";
        return os.replaceAll("[^a-z0-9]", "");
    }

    /** Java's {@code os.arch} names, mapped to the kernel's ({@code uname -m}) where they differ. */
    static String normalizeArch(String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64":
            case "x86_64":
                return "x86_64";
            case "arm64":
            case "aarch64":
                return "aarch64";
            case "x86":
            case "i386":
            case "i486":
            case "i586":
            case "i686":
                return "x86";
            default:
                return arch.replaceAll("[^a-z0-9_]", "");
        }
    }
}
