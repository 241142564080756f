// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Network;

/// <summary>
/// Compatibility mode (<see cref="NetworkOptions.UseHelperScripts"/>): DNS and DHCP from the distribution's
/// <c>hv_get_dns_info</c> / <c>hv_get_dhcp_info</c> helpers, for systems whose scripts know better than the file
/// readers (docs/protocol.md 5.4). Each helper runs without a shell, with the interface name as its only argument, under
/// a hard time limit. When a helper is missing, fails or times out, the wrapped inspector's answer is used and the
/// failure is logged once per helper (docs/compatibility.md E #3). Interfaces and addresses always come from the wrapped inspector.
/// </summary>
internal sealed partial class HelperScriptNetworkInspector : INetworkInspector
{
    public const string DnsHelper = "hv_get_dns_info";
    public const string DhcpHelper = "hv_get_dhcp_info";

    private readonly INetworkInspector _inner;
    private readonly string _scriptsDirectory;
    private readonly string? _interpreter;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, bool> _failureLogged = new(StringComparer.Ordinal);

    /// <param name="inner">The inspector that answers everything else, and DNS/DHCP when a helper fails.</param>
    /// <param name="scriptsDirectory">Where the helpers are.</param>
    /// <param name="interpreter">
    /// Null to execute the helper itself (Linux); a shell path to run it as <c>sh &lt;script&gt; &lt;if&gt;</c>, as
    /// the FreeBSD daemon does (its scripts are not necessarily executable). Either way no command line is parsed.
    /// </param>
    /// <param name="timeout">The hard limit per helper run (5 s on Linux, 2 s on FreeBSD).</param>
    /// <param name="logger">Where failures are logged.</param>
    public HelperScriptNetworkInspector(
        INetworkInspector inner,
        string scriptsDirectory,
        string? interpreter,
        TimeSpan timeout,
        ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(scriptsDirectory);
        _inner = inner;
        _scriptsDirectory = scriptsDirectory;
        _interpreter = interpreter;
        _timeout = timeout;
        _logger = logger;
    }

    public NetworkSnapshot GetSnapshot() => _inner.GetSnapshot();

    public InterfaceConfiguration GetConfiguration(InterfaceInfo networkInterface)
    {
        var dnsOutput = Run(DnsHelper, networkInterface.Name);
        var dhcpOutput = Run(DhcpHelper, networkInterface.Name);
        if (dnsOutput is not null && dhcpOutput is not null)
        {
            return new InterfaceConfiguration(HelperScriptOutput.ParseDns(dnsOutput), HelperScriptOutput.ParseDhcp(dhcpOutput));
        }

        var fallback = _inner.GetConfiguration(networkInterface);
        return new InterfaceConfiguration(
            dnsOutput is null ? fallback.DnsServers : HelperScriptOutput.ParseDns(dnsOutput),
            dhcpOutput is null ? fallback.Dhcp : HelperScriptOutput.ParseDhcp(dhcpOutput));
    }

    private string? Run(string helper, string interfaceName)
    {
        var script = Path.Combine(_scriptsDirectory, helper);
        if (!File.Exists(script))
        {
            LogFailureOnce(helper, script, "not found");
            return null;
        }

        var result = _interpreter is null
            ? BoundedProcess.Run(script, [interfaceName], _timeout)
            : BoundedProcess.Run(_interpreter, [script, interfaceName], _timeout);
        if (result.Output is null)
        {
            LogFailureOnce(helper, script, result.Failure ?? "no output");
            return null;
        }

        return result.Output;
    }

    private void LogFailureOnce(string helper, string script, string reason)
    {
        if (_failureLogged.TryAdd(helper, true))
        {
            Log.HelperScriptFailed(_logger, script, reason);
        }
    }
}
