// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Configuration;

namespace KvpDaemon.Network;

/// <summary>Settings of the network reporting (configuration section <c>Network</c>).</summary>
internal sealed partial class NetworkOptions
{
    public const string SectionName = "Network";

    /// <summary>
    /// Interface-name glob patterns ('*' and '?', case-sensitive) whose addresses are left out of the pool-2 address
    /// items (docs/compatibility.md E #10). Null means <see cref="DefaultExcludeInterfaces"/>; an empty array excludes nothing.
    /// </summary>
    /// <remarks>
    /// Null rather than a pre-filled array because the configuration binder appends to an existing array: a
    /// configured list could otherwise never drop a default pattern.
    /// </remarks>
    public string[]? ExcludeInterfaces { get; set; }

    /// <summary>
    /// Compatibility switch: take DNS and DHCP from the distribution's hv_get_dns_info / hv_get_dhcp_info helpers
    /// instead of reading the configuration files (docs/protocol.md 5.4). Off by default (docs/compatibility.md E #3, E #4).
    /// </summary>
    public bool UseHelperScripts { get; set; }

    /// <summary>Where the helpers are; null means <see cref="DefaultScriptsDirectory"/> of the running OS.</summary>
    public string? ScriptsDirectory { get; set; }

    /// <summary>The patterns in effect.</summary>
    public IReadOnlyList<string> GetExcludeInterfaces() => ExcludeInterfaces ?? DefaultExcludeInterfaces;

    /// <summary>
    /// Reads the section (keys <c>ExcludeInterfaces</c> as an array or an empty string for none,
    /// <c>UseHelperScripts</c>, <c>ScriptsDirectory</c>); absent keys keep their current values.
    /// </summary>
    /// <exception cref="InvalidOperationException">UseHelperScripts is not a boolean.</exception>
    public void Bind(IConfiguration section)
    {
        var exclude = section.GetSection(nameof(ExcludeInterfaces));
        var patterns = exclude.GetChildren().Select(child => child.Value).OfType<string>().ToArray();
        if (patterns.Length > 0 || exclude.Value is not null)
        {
            // A scalar value other than "" is one pattern.
            ExcludeInterfaces = patterns.Length > 0 ? patterns : exclude.Value!.Length == 0 ? [] : [exclude.Value];
        }

        var useHelperScripts = section[nameof(UseHelperScripts)];
        if (useHelperScripts is not null)
        {
            UseHelperScripts = bool.TryParse(useHelperScripts, out var value)
                ? value
                : throw new InvalidOperationException("Network:UseHelperScripts must be true or false.");
        }

        ScriptsDirectory = section[nameof(ScriptsDirectory)] ?? ScriptsDirectory;
    }
}
