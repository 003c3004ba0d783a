// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

import java.util.Locale;

/**
 * An operating system and CPU, named as the kernel names them ({@code linux-x86_64},
 * {@code linux-aarch64}): the directory of a platform's libraries under
 * {@link ResourceLayout#NATIVE_DIRECTORY}. The plugin names what it builds, and the runtime what
 * it looks for, with this one rule. Any host has one ({@code darwin-aarch64} too); those usdt4j
 * supports have a {@link #platform()}, their entry in the {@link Platform} table.
 */
public record PlatformId(String os, String arch) {
    public static final PlatformId LINUX_X86_64 = of(Platform.LINUX_X86_64);
    public static final PlatformId LINUX_AARCH64 = of(Platform.LINUX_AARCH64);
    /** In a list of target platforms ({@link #parseTargets}): every platform of the {@link Platform} table. */
    public static final String ALL = "all";

    public PlatformId {
        if (!isName(os) || !isName(arch)) {
            throw new IllegalArgumentException("a platform is os-arch in lower case, like linux-x86_64, not '"
                    + os + "-" + arch + "'");
        }
    }

    /** This JVM's platform, from {@code os.name} and {@code os.arch}. */
    public static PlatformId host() {
        return new PlatformId(normalizeOs(System.getProperty("os.name", "")),
                normalizeArch(System.getProperty("os.arch", "")));
    }

    /** {@code linux-x86_64} back into a platform; {@link IllegalArgumentException} for anything else. */
    public static PlatformId parse(String id) {
        int dash = id == null ? -1 : id.indexOf('-');
        if (dash <= 0 || dash == id.length() - 1) {
            throw new IllegalArgumentException("a platform looks like linux-x86_64 or linux-aarch64, not '" + id + "'");
        }
        return new PlatformId(id.substring(0, dash), id.substring(dash + 1));
    }

    /** The id of a supported platform. */
    public static PlatformId of(Platform platform) {
        return new PlatformId(platform.os(), platform.arch());
    }

    /** This platform's entry in the table, or null when usdt4j does not support it. */
    public Platform platform() {
        return Platform.find(os, arch);
    }

    /**
     * The supported platform {@code id} names ({@code linux-x86_64}); an {@link IllegalArgumentException}
     * that says which are supported for any other, such as {@code linux-riscv64}.
     */
    public static Platform parseSupported(String id) {
        Platform platform = parse(id).platform();
        if (platform == null) {
            throw new IllegalArgumentException(Platform.unsupported(id));
        }
        return platform;
    }

    /**
     * The platforms a build targets, as the processor's {@code -Ausdt4j.platforms} and the plugin's
     * {@code <platforms>} name them: platform ids, several to an entry separated by commas
     * ({@code linux-x86_64,linux-aarch64}), or {@value #ALL} for every platform of the table; in
     * order, once each; blank entries ignored.
     *
     * @return the platforms, empty when the entries name none
     * @throws IllegalArgumentException for anything but a platform of the table, saying which are
     */
    public static java.util.List<Platform> parseTargets(Iterable<String> entries) {
        java.util.Set<Platform> targets = new java.util.LinkedHashSet<>();
        for (String entry : entries) {
            for (String part : entry == null ? new String[0] : entry.split(",")) {
                String id = part.strip();
                if (id.isEmpty()) {
                    continue;
                }
                if (id.equals(ALL)) {
                    targets.addAll(java.util.Arrays.asList(Platform.values()));
                    continue;
                }
                PlatformId platform = parse(id);
                if (!platform.isLinux()) {
                    throw new IllegalArgumentException("platform " + platform.id() + " is not Linux: USDT needs Linux,"
                            + " so list platforms like linux-x86_64 and linux-aarch64");
                }
                targets.add(parseSupported(id));
            }
        }
        return java.util.List.copyOf(targets);
    }

    public boolean isLinux() {
        return os.equals("linux");
    }

    /** {@code linux-x86_64}. */
    public String id() {
        return os + "-" + arch;
    }

    @Override
    public String toString() {
        return id();
    }

    /**
     * Written out, as a record's generated equals and hashCode bootstrap through method handles
     * when first called, which the runtime's start-up must not pay.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof PlatformId that && os.equals(that.os) && arch.equals(that.arch);
    }

    @Override
    public int hashCode() {
        return 31 * os.hashCode() + arch.hashCode();
    }

    static String normalizeOs(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) return "linux";
        if (os.startsWith("mac") || os.startsWith("darwin")) return "darwin";
        if (os.startsWith("windows")) return "windows";
        return keep(os, false);
    }

    /**
     * Java's {@code os.arch} names, mapped to the kernel's ({@code uname -m}) where they differ: the
     * {@link Platform} table's for the CPUs it has, 32-bit x86's and any other's as Java spells them.
     */
    static String normalizeArch(String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        String supported = Platform.archOfJavaName(arch);
        if (supported != null) {
            return supported;
        }
        switch (arch) {
            case "x86":
            case "i386":
            case "i486":
            case "i586":
            case "i686":
                return "x86";
            default:
                return keep(arch, true);
        }
    }

    /** Letters and digits (and {@code _} in an arch), without a regular expression. */
    private static String keep(String name, boolean underscore) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (underscore && c == '_')) {
                out.append(c);
            }
        }
        return out.length() == 0 ? "unknown" : out.toString();
    }

    private static boolean isName(String name) {
        if (name == null || name.isEmpty() || name.indexOf('-') >= 0) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
