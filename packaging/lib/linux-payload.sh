# linux-payload.sh: the Linux payload shared by the .deb and the tarball (POSIX sh; sourced after common.sh).

# kvp_rid_for_arch ARCH: Debian architecture name -> .NET runtime identifier.
kvp_rid_for_arch() {
    case "$1" in
        amd64) echo linux-x64 ;;
        arm64) echo linux-arm64 ;;
        *) kvp_die "unsupported architecture '$1' (amd64 or arm64)" ;;
    esac
}

# kvp_stage_linux ROOT RID WORKDIR [FLAVOUR]: publishes the daemon and the CLI and installs every Linux file under
#   ROOT (what the production .deb holds: no host simulator, see kvp_stage_simulator). FLAVOUR (kvp_check_flavour):
#   * native (default): NativeAOT binaries, one self-contained native file each, no .NET runtime and no file unpacked
#     at run time (docs/compatibility.md E #6). Linked against the build machine's glibc: on Debian 12 they import
#     GLIBC_2.34 symbols, so they need glibc 2.34 or later (packaging/README.md, glibc floor table).
#     ILCompiler's default linker driver is `clang`: Debian's clang package provides it. A RID of another
#     architecture (linux-arm64 on x86-64) is cross-compiled with the arguments of kvp_cross_publish_args
#     (lib/distros.sh, which the build scripts source; packaging/README.md lists the packages).
#   * compat: self-contained, trimmed single files (the JIT runtime inside), for guests older than glibc 2.34
#     (RHEL 8, Ubuntu 20.04, Debian 11): Microsoft's runtime pack is built against an old glibc (2.27 measured), and
#     nothing is compiled or linked on this machine, so its glibc does not leak in. Larger and slower to start.
#   Every trim or AOT warning fails the publish (warnings are errors).
#   KVP_PREBUILT, if set (build-deb.sh --prebuilt), names a directory that already holds the native hypervkvpd and
#   hvkvp of this tree for RID (the integration tests' NativeAOT build): they are taken instead of publishing again.
kvp_stage_linux() {
    _root=$1
    _rid=$2
    _work=$3
    if [ -n "${KVP_PREBUILT:-}" ]; then
        [ "${4:-native}" = native ] || kvp_die "--prebuilt holds native binaries; it cannot make the $4 flavour"
        kvp_take_prebuilt "$KVP_PREBUILT" "$_rid" "$_work"
    else
        kvp_publish_programs "$_rid" "$_work" "${4:-native}"
    fi

    install -d -m 0755 "$_root/usr/sbin" "$_root/usr/bin" "$_root/usr/lib/hypervkvpd" \
        "$_root/lib/systemd/system" "$_root/lib/udev/rules.d" "$_root/usr/lib/tmpfiles.d" \
        "$_root/etc/hypervkvpd" "$_root/usr/share/doc/hypervkvpd" "$_root/usr/share/man"
    install -m 0755 "$_work/hypervkvpd/hypervkvpd" "$_root/usr/sbin/hypervkvpd"
    install -m 0755 "$_work/hvkvp/hvkvp" "$_root/usr/bin/hvkvp"

    _pkg="$KVP_REPO/packaging"
    install -m 0644 "$_pkg/systemd/hypervkvpd.service" "$_root/lib/systemd/system/hypervkvpd.service"
    install -m 0644 "$_pkg/udev/70-hypervkvpd.rules" "$_root/lib/udev/rules.d/70-hypervkvpd.rules"
    install -m 0644 "$_pkg/tmpfiles/hypervkvpd.conf" "$_root/usr/lib/tmpfiles.d/hypervkvpd.conf"
    install -m 0644 "$_pkg/config/hypervkvpd.json" "$_root/etc/hypervkvpd/hypervkvpd.json"
    install -m 0644 "$_pkg/config/README.md" "$_root/usr/share/doc/hypervkvpd/configuration.md"
    kvp_install_man "$_root" usr/share/man
    # Our helper scripts are opt-in (the daemon reads network data itself), so they go beside the package's other
    # files, not into /usr/libexec/hypervkvpd, where Debian's hyperv-daemons installs its own hv_get_* scripts.
    kvp_copy_scripts "$_pkg/scripts/linux" "$_root/usr/lib/hypervkvpd/scripts"
    kvp_write_copyright "$_root/usr/share/doc/hypervkvpd/copyright"
}

# kvp_publish_programs RID WORKDIR FLAVOUR: publishes the daemon and the CLI into WORKDIR/hypervkvpd and WORKDIR/hvkvp.
kvp_publish_programs() {
    case "$3" in
        native)
            _cross=$(kvp_cross_publish_args "$1")
            _publish="-r $1 -p:PublishAot=true $_cross"
            ;;
        compat) _publish="-r $1 --self-contained true -p:PublishSingleFile=true -p:PublishTrimmed=true" ;;
        *) kvp_die "unknown flavour '$3' (native or compat)" ;;
    esac
    # shellcheck disable=SC2086 # word splitting of the option list is intended
    kvp_publish src/KvpDaemon/KvpDaemon.csproj "$2/hypervkvpd" $_publish
    # shellcheck disable=SC2086
    kvp_publish src/KvpDaemon.Cli/KvpDaemon.Cli.csproj "$2/hvkvp" $_publish
}

# kvp_take_prebuilt DIR RID WORKDIR: copies DIR/hypervkvpd and DIR/hvkvp where kvp_publish_programs would put them,
#   after checking that they are what a publish would make: ELF files, NativeAOT (no apphost, which would look for
#   libhostfxr.so and need the .NET runtime), and, when RID is this machine's own, printing this build's version.
kvp_take_prebuilt() {
    for _prog in hypervkvpd hvkvp; do
        _file=$1/$_prog
        kvp_is_elf "$_file" || kvp_die "--prebuilt: $_file is not an ELF file"
        if grep -q libhostfxr.so "$_file"; then
            kvp_die "--prebuilt: $_file is a .NET apphost, not a NativeAOT binary"
        fi
        mkdir -p "$3/$_prog"
        install -m 0755 "$_file" "$3/$_prog/$_prog"
    done
    if [ -z "$(kvp_cross_publish_args "$2")" ]; then
        _printed=$("$3/hypervkvpd/hypervkvpd" --version) || kvp_die "--prebuilt: $1/hypervkvpd --version failed"
        _want=$(kvp_assembly_version "$KVP_VERSION")
        case "$_printed" in
            "$_want" | "$_want"+*) ;;
            *) kvp_die "--prebuilt: $1/hypervkvpd is version '$_printed', not $KVP_VERSION" ;;
        esac
    fi
    kvp_note "took the prebuilt hypervkvpd and hvkvp from $1"
}

# kvp_check_flavour FLAVOUR: dies unless FLAVOUR is a build flavour kvp_stage_linux knows.
kvp_check_flavour() {
    case "$1" in
        native | compat) ;;
        *) kvp_die "unknown flavour '$1' (native or compat)" ;;
    esac
}

# kvp_flavour_suffix FLAVOUR: what the artefact file names carry for FLAVOUR: nothing for native, "-compat" else.
kvp_flavour_suffix() {
    case "$1" in
        native) ;;
        *) echo "-$1" ;;
    esac
}

# kvp_stage_simulator ROOT RID WORKDIR: adds the host simulator, for labs (the tarball): a self-contained, trimmed
#   single file (it is a test tool, not compiled ahead of time), off PATH.
kvp_stage_simulator() {
    # shellcheck disable=SC2086
    kvp_publish src/KvpDaemon.HostSimulator/KvpDaemon.HostSimulator.csproj "$3/hvkvp-sim" \
        -r "$2" --self-contained true -p:PublishSingleFile=true -p:PublishTrimmed=true
    install -d -m 0755 "$1/usr/lib/hypervkvpd"
    install -m 0755 "$3/hvkvp-sim/hvkvp-sim" "$1/usr/lib/hypervkvpd/hvkvp-sim"
}

# kvp_write_copyright FILE: a machine-readable debian/copyright built from LICENSE.
kvp_write_copyright() {
    {
        echo 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/'
        echo 'Upstream-Name: KvpDaemon'
        echo 'Source: https://github.com/kvpdaemon/kvpdaemon'
        echo
        echo 'Files: *'
        echo 'Copyright: KvpDaemon contributors'
        echo 'License: MIT'
        echo
        echo 'License: MIT'
        sed -e 's/^$/./' -e 's/^/ /' "$KVP_REPO/LICENSE"
    } >"$1"
    chmod 0644 "$1"
}
