# distros.sh: per-distribution and per-architecture helpers for the Linux packages (POSIX sh; sourced after
# common.sh): the glibc floor of a payload, RPM architecture names, and the cross-compilation arguments of an arm64
# NativeAOT publish on an x86-64 build machine.

# kvp_rpm_arch ARCH: Debian architecture name -> RPM architecture name.
kvp_rpm_arch() {
    case "$1" in
        amd64) echo x86_64 ;;
        arm64) echo aarch64 ;;
        *) kvp_die "unsupported architecture '$1' (amd64 or arm64)" ;;
    esac
}

# kvp_objdump_for FILE: an objdump that reads FILE. The build machine's own objdump reads only its own
# architecture's ELF files on Debian; binutils-aarch64-linux-gnu (pulled in by gcc-aarch64-linux-gnu) reads arm64.
kvp_objdump_for() {
    for _od in objdump aarch64-linux-gnu-objdump x86_64-linux-gnu-objdump; do
        command -v "$_od" >/dev/null 2>&1 || continue
        if "$_od" -T "$1" >/dev/null 2>&1; then
            echo "$_od"
            return 0
        fi
    done
    kvp_die "no objdump here reads $1 (install binutils, and binutils-aarch64-linux-gnu for arm64)"
}

# kvp_is_elf FILE: whether FILE starts with the ELF magic.
kvp_is_elf() {
    [ -f "$1" ] && [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '177ELF' ]
}

# kvp_glibc_floor FILE...: the highest GLIBC_x.y symbol version that the dynamic symbol tables (objdump -T) of the
# given ELF files import, i.e. the oldest glibc they run on. Prints nothing when none imports a versioned glibc
# symbol. Only undefined ("*UND*") symbols count: a definition is not a requirement.
kvp_glibc_floor() {
    for _elf in "$@"; do
        _od=$(kvp_objdump_for "$_elf")
        "$_od" -T "$_elf" | awk '/\*UND\*/ { for (i = 1; i <= NF; i++) if ($i ~ /^\(?GLIBC_[0-9.]+\)?$/) print $i }'
    done | tr -d '()' | sed 's/^GLIBC_//' | sort -u -V | tail -n 1
}

# kvp_glibc_floor_tree ROOT: kvp_glibc_floor of every ELF file under ROOT (the staged package payload).
kvp_glibc_floor_tree() {
    _elves=$(find "$1" -type f | LC_ALL=C sort | while read -r _f; do
        if kvp_is_elf "$_f"; then echo "$_f"; fi
    done)
    [ -n "$_elves" ] || kvp_die "no ELF file under $1"
    # shellcheck disable=SC2086 # the payload paths have no spaces (they are this package's own)
    kvp_glibc_floor $_elves
}

# kvp_cross_publish_args RID: extra `dotnet publish` arguments for a NativeAOT build of RID on this machine, one per
# line; nothing for the machine's own architecture. For linux-arm64 on an x86-64 Debian 12 (measured with .NET SDK
# 10.0.401, ILCompiler 10.0.12; packages clang, lld, gcc-aarch64-linux-gnu, libc6-dev-arm64-cross):
#   * clang as the compiler driver: the ILCompiler passes it --target=aarch64-linux-gnu by itself for a cross build,
#     and clang finds Debian's cross GCC installation (/usr/lib/gcc-cross/aarch64-linux-gnu/12: crt files, libgcc)
#     and the arm64 libraries in /usr/aarch64-linux-gnu on its own;
#   * lld as the linker (no aarch64 GNU ld is on clang's search path under the name it would look for);
#   * the cross objcopy to split off the debug symbols;
#   * deliberately NO SysRoot: with -p:SysRoot=/usr/aarch64-linux-gnu, lld prefixes the sysroot to the absolute paths
#     in Debian's libc.so linker script ("cannot find /usr/aarch64-linux-gnu/lib/libc.so.6 inside
#     /usr/aarch64-linux-gnu"), and the link fails.
kvp_cross_publish_args() {
    case "$1" in
        linux-arm64)
            [ "$(uname -m)" = aarch64 ] && return 0
            echo "-p:CppCompilerAndLinker=clang"
            echo "-p:LinkerFlavor=lld"
            echo "-p:ObjCopyName=aarch64-linux-gnu-objcopy"
            ;;
        linux-x64)
            [ "$(uname -m)" = x86_64 ] && return 0
            kvp_die "cross-compiling linux-x64 NativeAOT on $(uname -m) is not set up"
            ;;
        *) kvp_die "no cross-compilation arguments for '$1'" ;;
    esac
}

# kvp_needed_tree ROOT: the shared libraries (DT_NEEDED sonames, objdump -p) that the ELF files under ROOT load,
# one per line, sorted. The NativeAOT binaries need libc, libm and the loader only (zlib and the C++ runtime are
# linked in); the compat flavour's single-file host also needs libstdc++ and libgcc_s.
kvp_needed_tree() {
    find "$1" -type f | LC_ALL=C sort | while read -r _f; do
        kvp_is_elf "$_f" || continue
        _od=$(kvp_objdump_for "$_f")
        "$_od" -p "$_f" | awk '$1 == "NEEDED" { print $2 }'
    done | LC_ALL=C sort -u
}

# kvp_soname_is_glibc SONAME: whether SONAME is part of glibc itself (its floor covers it).
kvp_soname_is_glibc() {
    case "$1" in
        libc.so.6 | libm.so.6 | libdl.so.2 | libpthread.so.0 | librt.so.1 | ld-linux-x86-64.so.2 | ld-linux-aarch64.so.1) return 0 ;;
        *) return 1 ;;
    esac
}

# kvp_deb_depends ROOT GLIBC_FLOOR: the Depends: list for the libraries the payload under ROOT needs (without the
# packages the scripts need, which build-deb.sh adds). A soname not mapped here stops the build, so a new dependency
# is a decision, not an accident. libgcc-s1 is the name since Debian 11 and Ubuntu 20.04; libgcc1 before.
kvp_deb_depends() {
    _deps="libc6 (>= $2)"
    for _so in $(kvp_needed_tree "$1"); do
        kvp_soname_is_glibc "$_so" && continue
        case "$_so" in
            libstdc++.so.6) _deps="$_deps, libstdc++6" ;;
            libgcc_s.so.1) _deps="$_deps, libgcc-s1 | libgcc1" ;;
            libz.so.1) _deps="$_deps, zlib1g" ;;
            *) kvp_die "the payload needs $_so, which kvp_deb_depends does not map to a package" ;;
        esac
    done
    echo "$_deps"
}

# kvp_rpm_requires ROOT: the RPM Requires: of the libraries the payload under ROOT needs beyond glibc (whose
# floor build-rpm.sh states on its own), one per line, as library provides (`libstdc++.so.6()(64bit)`), which hold
# on EL, Fedora and SUSE alike whatever the package is called there. Nothing for the NativeAOT payload.
kvp_rpm_requires() {
    for _so in $(kvp_needed_tree "$1"); do
        kvp_soname_is_glibc "$_so" && continue
        echo "$_so()(64bit)"
    done
}
