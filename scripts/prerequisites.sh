# Sourced by lib.sh, and so by every script here: installs, on Debian/Ubuntu, whatever of usdt4j's
# build and test prerequisites is missing. Expects SUDO (an array: empty as root, or (sudo)) and
# say() and die(), which lib.sh defines.
#
#   install_prerequisites [extra-package...]

can_include() {  # can the C compiler find this header?
    command -v gcc >/dev/null && printf '#include <%s>\n' "$1" | gcc -E -x c - -o /dev/null 2>/dev/null
}

javac_major() {  # 17 for "javac 17.0.15", empty when there is no javac
    local javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac
    command -v "$javac" >/dev/null || return 0
    "$javac" -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p'
}

install_prerequisites() {
    local missing=() major
    command -v gcc >/dev/null || missing+=(gcc)
    can_include stdio.h || missing+=(libc6-dev)   # gcc only recommends it, and jni.h needs it
    can_include sys/sdt.h || can_include usdt.h || missing+=(systemtap-sdt-dev)
    command -v bpftrace >/dev/null || missing+=(bpftrace)
    command -v readelf >/dev/null || missing+=(binutils)
    major=$(javac_major)
    if [ -z "$major" ] || [ "$major" -lt 17 ]; then
        missing+=(openjdk-17-jdk-headless)
    fi
    local extra
    for extra in "$@"; do
        dpkg -s "$extra" >/dev/null 2>&1 || missing+=("$extra")
    done

    [ ${#missing[@]} -gt 0 ] || return 0
    command -v apt-get >/dev/null || die "missing ${missing[*]}, and this is not Debian/Ubuntu (no apt-get): install them yourself"
    say "Installing ${missing[*]}"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    if [[ " ${missing[*]} " == *" openjdk-17-jdk-headless "* ]]; then
        # An older JDK may still be the default; point Maven at the new one.
        export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)
    fi
}
