// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IpConfig;

/// <summary>
/// Settings of SET_IP_INFO (docs/protocol.md section 6), bound from the <c>IpConfig</c> configuration section. Defaults,
/// including the per-OS ones, live in <c>IpConfigOptions.Defaults.cs</c>; <see cref="ApplyDefaults(IpConfigPlatform)"/> fills them.
/// </summary>
internal sealed partial class IpConfigOptions
{
    /// <summary>
    /// Which backend applies the configuration: <c>auto</c> (detect what manages the interface, see
    /// <see cref="IpConfigBackendSelector"/>), <c>networkmanager</c>, <c>networkd</c>, <c>netplan</c>, <c>ifupdown</c>,
    /// <c>ifcfg</c>, <c>iproute2</c>, <c>freebsd</c> or <c>script</c> (run <see cref="SetIfconfigScript"/>).
    /// </summary>
    public string Backend { get; set; } = string.Empty;

    /// <summary>
    /// Plan only: write the files the backend would write, and a <c>commands.txt</c> of the commands it would run,
    /// under <c>&lt;StateDirectory&gt;/dry-run/&lt;stamp&gt;/</c>, change nothing else, and answer HV_S_OK.
    /// </summary>
    public bool DryRun { get; set; }

    /// <summary>
    /// The compatibility script of the reference daemons (<c>hv_set_ifconfig</c>, docs/protocol.md 6.3 and 6.4). Used by the
    /// <c>script</c> backend, which is also what <c>auto</c> picks when this is set.
    /// </summary>
    public string? SetIfconfigScript { get; set; }

    /// <summary>The daemon's own directory: the script backend's data files and the dry-run output go here.</summary>
    public string StateDirectory { get; set; } = string.Empty;

    /// <summary>Where sysfs is mounted (Linux): interfaces are found under <c>&lt;SysfsRoot&gt;/class/net</c>.</summary>
    public string SysfsRoot { get; set; } = string.Empty;

    /// <summary>
    /// The root every system file is read and written under (<c>/etc/...</c>, <c>/run/...</c> become
    /// <c>&lt;Root&gt;/etc/...</c>). <c>/</c> in production; another directory lets an image builder prepare a tree
    /// (commands still run on the live system, so combine it with <see cref="DryRun"/> or the script backend there).
    /// </summary>
    public string Root { get; set; } = string.Empty;

    /// <summary>
    /// Adapter ids the host may send, mapped to interface names: <c>{GUID}</c> (braces and letter case do not matter)
    /// or a name the FreeBSD kernel passes through → <c>eth0</c>/<c>hn0</c>. Consulted before sysfs. On FreeBSD this map
    /// is the only GUID mapping (see <see cref="AdapterResolver"/>).
    /// </summary>
    public Dictionary<string, string> AdapterMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The most one command may take before its process tree is killed.</summary>
    public TimeSpan CommandTimeout { get; set; }

    /// <summary>
    /// The most the whole apply may take, rollback included, so that the answer reaches the kernel before it gives up
    /// itself (docs/protocol.md 1.8, QUIRK-29).
    /// </summary>
    public TimeSpan TotalBudget { get; set; }

    /// <summary>
    /// iproute2 backend only: write the DNS servers to <c>/etc/resolv.conf</c>. Off by default because on most
    /// systems another program (systemd-resolved, resolvconf, NetworkManager) owns that file.
    /// </summary>
    public bool ManageResolvConf { get; set; }
}
