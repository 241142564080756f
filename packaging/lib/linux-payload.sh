# linux-payload.sh: the Linux payload shared by the .deb and the tarball (POSIX sh; sourced after common.sh).

# kvp_rid_for_arch ARCH: Debian architecture name -> .NET runtime identifier.
kvp_rid_for_arch() {
    case "$1" in
        amd64) echo linux-x64 ;;
        arm64) echo linux-arm64 ;;
        *) kvp_die "unsupported architecture '$1' (amd64 or arm64)" ;;
    esac
}

# kvp_stage_linux ROOT RID WORKDIR: publishes the three programs and installs every Linux file under ROOT.
#   Programs are self-contained, trimmed single files: no .NET runtime needed on the guest (ecosystem.md E #6).
#   The bundled native libMonoPosixHelper.so is extracted at first start into $DOTNET_BUNDLE_EXTRACT_BASE_DIR
#   (the unit sets it to /var/cache/hypervkvpd) or ~/.net.
kvp_stage_linux() {
    _root=$1
    _rid=$2
    _work=$3
    _single="-r $_rid --self-contained true -p:PublishSingleFile=true -p:PublishTrimmed=true"
    _single="$_single -p:IncludeNativeLibrariesForSelfExtract=true"
    # The daemon is also compiled ahead of time (ReadyToRun): udev starts it at boot, and without it most of its
    # start-up is spent compiling the hosting stack. EventSource and metrics support and tiered PGO are left out:
    # nothing in the daemon uses them, and together they cost about 1.5 MB of resident memory (docs/performance.md).
    # shellcheck disable=SC2086 # word splitting of the option list is intended
    kvp_publish src/KvpDaemon/KvpDaemon.csproj "$_work/hypervkvpd" $_single -p:PublishReadyToRun=true \
        -p:EventSourceSupport=false -p:MetricsSupport=false -p:TieredPGO=false
    # shellcheck disable=SC2086
    kvp_publish src/KvpDaemon.Cli/KvpDaemon.Cli.csproj "$_work/hvkvp" $_single
    # shellcheck disable=SC2086
    kvp_publish src/KvpDaemon.HostSimulator/KvpDaemon.HostSimulator.csproj "$_work/hvkvp-sim" $_single

    install -d -m 0755 "$_root/usr/sbin" "$_root/usr/bin" "$_root/usr/lib/hypervkvpd" \
        "$_root/lib/systemd/system" "$_root/lib/udev/rules.d" "$_root/usr/lib/tmpfiles.d" \
        "$_root/etc/hypervkvpd" "$_root/usr/share/doc/hypervkvpd" "$_root/usr/share/man"
    install -m 0755 "$_work/hypervkvpd/hypervkvpd" "$_root/usr/sbin/hypervkvpd"
    install -m 0755 "$_work/hvkvp/hvkvp" "$_root/usr/bin/hvkvp"
    # The host simulator is a test and demo tool, not a command for everyday use: off PATH.
    install -m 0755 "$_work/hvkvp-sim/hvkvp-sim" "$_root/usr/lib/hypervkvpd/hvkvp-sim"

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
