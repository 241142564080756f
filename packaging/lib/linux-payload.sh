# linux-payload.sh: the Linux payload shared by the .deb and the tarball (POSIX sh; sourced after common.sh).

# kvp_rid_for_arch ARCH: Debian architecture name -> .NET runtime identifier.
kvp_rid_for_arch() {
    case "$1" in
        amd64) echo linux-x64 ;;
        arm64) echo linux-arm64 ;;
        *) kvp_die "unsupported architecture '$1' (amd64 or arm64)" ;;
    esac
}

# kvp_stage_linux ROOT RID WORKDIR: publishes the daemon and the CLI and installs every Linux file under ROOT (what
#   the production .deb holds: no host simulator, see kvp_stage_simulator).
#   Both programs are NativeAOT binaries: one self-contained native file each, no .NET runtime and no file unpacked
#   at run time (docs/compatibility.md E #6). RID is taken as given (linux-x64; linux-arm64 needs a cross linker and sysroot:
#   packaging/README.md). ILCompiler's default linker driver is `clang`: Debian's clang package provides it.
#   Every trim or AOT warning fails the publish (warnings are errors).
kvp_stage_linux() {
    _root=$1
    _rid=$2
    _work=$3
    _native="-r $_rid -p:PublishAot=true"
    # shellcheck disable=SC2086 # word splitting of the option list is intended
    kvp_publish src/KvpDaemon/KvpDaemon.csproj "$_work/hypervkvpd" $_native
    # shellcheck disable=SC2086
    kvp_publish src/KvpDaemon.Cli/KvpDaemon.Cli.csproj "$_work/hvkvp" $_native

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
