# common.sh: shared by build-deb.sh, build-rpm.sh, build-tarball.sh and build-freebsd-pkg.sh (POSIX sh; sourced,
# not run).
#
# Functions set or use these variables:
#   KVP_REPO     repository root (set by kvp_init)
#   KVP_VERSION  package version (default: <Version> in Directory.Build.props)
#   KVP_MAN_DIR  where the man pages are taken from (default: $KVP_REPO/docs/man)
#   OUTPUT, ARCH, FLAVOUR  the values of --output, --arch and --flavour (set by kvp_parse_args; the script sets the
#                defaults before calling it)
#   KVP_SHIFT    how many arguments kvp_script_option consumed
#   KVP_DOTNET_ARTIFACTS  when set, dotnet's bin/ and obj/ go there instead of into the source tree, so a package
#                build never touches (or races with) the tree's own Debug/Release outputs, e.g. of a test run

kvp_die() {
    printf '%s: error: %s\n' "${KVP_PROG:-packaging}" "$*" >&2
    exit 1
}

kvp_note() {
    printf '%s: %s\n' "${KVP_PROG:-packaging}" "$*" >&2
}

# kvp_need_value ARGC OPTION WHAT: fails unless OPTION has an argument after it ("OPTION needs a WHAT").
kvp_need_value() {
    [ "$1" -ge 2 ] || kvp_die "$2 needs a $3"
}

# kvp_script_option ARG...: the script's own options beyond the common ones. The script redefines it after sourcing
#   this file: it looks at $1 (its option; the rest are the arguments after it) and sets KVP_SHIFT to how many
#   arguments it consumed, 0 when $1 is not one of its options. This default knows none.
kvp_script_option() {
    KVP_SHIFT=0
}

# kvp_parse_args flavour|no-flavour ARG...: parses the command line. The common options are --output, --version,
#   --arch, --man-dir, -h/--help (prints the script's header comment, up to `set -eu`) and, with "flavour",
#   --flavour (build-freebsd-pkg.sh has no flavours); anything else goes to kvp_script_option or is an unknown
#   argument. Messages and exit statuses are the same for every script.
kvp_parse_args() {
    _with_flavour=$1
    shift
    while [ $# -gt 0 ]; do
        case "$1" in
            --output) kvp_need_value $# "$1" directory; OUTPUT=$2; shift 2 ;;
            --version) kvp_need_value $# "$1" value; KVP_VERSION=$2; shift 2 ;;
            --arch) kvp_need_value $# "$1" value; ARCH=$2; shift 2 ;;
            --man-dir) kvp_need_value $# "$1" directory; KVP_MAN_DIR=$2; shift 2 ;;
            -h | --help) sed -n '2,/^set -eu/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
            *)
                if [ "$1" = --flavour ] && [ "$_with_flavour" = flavour ]; then
                    kvp_need_value $# "$1" value
                    FLAVOUR=$2
                    shift 2
                    continue
                fi
                KVP_SHIFT=0
                kvp_script_option "$@"
                [ "$KVP_SHIFT" -gt 0 ] || kvp_die "unknown argument '$1' (try --help)"
                shift "$KVP_SHIFT"
                ;;
        esac
    done
}

# kvp_init SCRIPT_DIR: finds the repository root from the packaging directory; OUTPUT defaults to
# packaging/artifacts there.
kvp_init() {
    KVP_REPO=$(cd "$1/.." && pwd) || kvp_die "cannot find the repository root"
    [ -f "$KVP_REPO/KvpDaemon.sln" ] || kvp_die "$KVP_REPO is not the KvpDaemon repository (no KvpDaemon.sln)"
    : "${KVP_MAN_DIR:=$KVP_REPO/docs/man}"
    : "${OUTPUT:=$KVP_REPO/packaging/artifacts}"
}

# kvp_prepare TAG: what every build script does once its options are checked: KVP_VERSION defaulted and checked,
# OUTPUT created and made absolute, and WORK a private directory (hypervkvpd-TAG.XXXXXX) removed when the script ends.
kvp_prepare() {
    [ -n "$KVP_VERSION" ] || KVP_VERSION=$(kvp_default_version)
    kvp_check_version "$KVP_VERSION"
    mkdir -p "$OUTPUT"
    OUTPUT=$(cd "$OUTPUT" && pwd)
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/hypervkvpd-$1.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT INT TERM
}

# kvp_default_version: the <Version> of Directory.Build.props.
kvp_default_version() {
    sed -n 's:.*<Version>\([^<]*\)</Version>.*:\1:p' "$KVP_REPO/Directory.Build.props" | head -n 1
}

# kvp_check_version V: a Debian/pkg-compatible version that starts with a number.
kvp_check_version() {
    case "$1" in
        '' | [!0-9]* | *[!0-9A-Za-z.+~-]*) kvp_die "invalid version '$1' (digits first; then letters, digits, . + ~ -)" ;;
    esac
}

# kvp_assembly_version V: the numeric part the .NET build accepts as <Version> (drops a Debian revision, ~rc, +meta).
kvp_assembly_version() {
    printf '%s\n' "${1%%[-~+]*}"
}

# kvp_require_tools TOOL...: fails naming every missing tool.
kvp_require_tools() {
    _missing=
    for _tool in "$@"; do
        command -v "$_tool" >/dev/null 2>&1 || _missing="$_missing $_tool"
    done
    [ -z "$_missing" ] || kvp_die "missing tool(s):$_missing"
}

# kvp_require_man_pages: the man pages are written in docs/man; packages must not ship without them.
kvp_require_man_pages() {
    for _page in hypervkvpd.8 hvkvp.1; do
        [ -f "$KVP_MAN_DIR/$_page" ] ||
            kvp_die "man page $KVP_MAN_DIR/$_page is missing (the packages install it; write it, or pass --man-dir DIR)"
    done
}

# kvp_install_man ROOT MANBASE: installs both man pages gzip-ed (reproducibly: -n) under ROOT/MANBASE/man{1,8}.
kvp_install_man() {
    mkdir -p "$1/$2/man8" "$1/$2/man1"
    gzip -9n -c "$KVP_MAN_DIR/hypervkvpd.8" >"$1/$2/man8/hypervkvpd.8.gz"
    gzip -9n -c "$KVP_MAN_DIR/hvkvp.1" >"$1/$2/man1/hvkvp.1.gz"
    chmod 0644 "$1/$2/man8/hypervkvpd.8.gz" "$1/$2/man1/hvkvp.1.gz"
}

# kvp_publish PROJECT OUTDIR DOTNET_ARGS...: dotnet publish in Release into OUTDIR. Every trim warning fails the
#   build (warnings are errors): none of the three programs has one.
kvp_publish() {
    _project=$1
    _out=$2
    shift 2
    kvp_note "publishing $_project"
    if [ -n "${KVP_DOTNET_ARTIFACTS:-}" ]; then
        set -- --artifacts-path "$KVP_DOTNET_ARTIFACTS" "$@"
    fi
    dotnet publish "$KVP_REPO/$_project" -c Release -o "$_out" -nologo -v quiet \
        -p:DebugType=none \
        -p:Version="$(kvp_assembly_version "$KVP_VERSION")" "$@" >&2 ||
        kvp_die "dotnet publish of $_project failed"
}

# kvp_copy_scripts SRC DEST: copies the helper scripts (packaging/scripts/<os>/, owned by their own author) as
# they are, executable. A missing source directory only gets a note: the daemon reads IP data natively.
kvp_copy_scripts() {
    mkdir -p "$2"
    chmod 0755 "$2"
    if [ -d "$1" ]; then
        for _script in "$1"/*; do
            [ -f "$_script" ] || continue
            cp "$_script" "$2/"
            chmod 0755 "$2/${_script##*/}"
        done
    else
        kvp_note "no helper scripts in $1; $2 stays empty"
    fi
}
