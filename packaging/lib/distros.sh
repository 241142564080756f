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
