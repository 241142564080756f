// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Platform;

namespace KvpDaemon.Network;

/// <summary>The defaults of <see cref="NetworkOptions"/>, in one place.</summary>
internal sealed partial class NetworkOptions
{
    /// <summary>
    /// Container and virtualisation bridges whose addresses mislead the host about the VM's own address (docs/compatibility.md
    /// E #10). VPN interfaces (tun*, wg*) are kept: they may be how the VM is reached.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultExcludeInterfaces =
        ["docker*", "veth*", "br-*", "virbr*", "cni*", "flannel*", "cali*"];

    /// <summary>The helpers' directory of the reference packages: KVP_SCRIPTS_PATH on Linux, /usr/libexec/hyperv on FreeBSD.</summary>
    /// <exception cref="PlatformNotSupportedException">On an OS other than Linux and FreeBSD.</exception>
    public static string DefaultScriptsDirectory() => KvpDialect.ForCurrentOperatingSystem().DefaultScriptsDirectory;
}
