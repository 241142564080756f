// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Network;

/// <summary>Settings of the network reporting (configuration section <c>Network</c>).</summary>
internal sealed partial class NetworkOptions
{
    public const string SectionName = "Network";

    /// <summary>
    /// Interface-name glob patterns ('*' and '?', case-sensitive) whose addresses are left out of the pool-2 address
    /// items (ecosystem.md E#10). Null means <see cref="DefaultExcludeInterfaces"/>; an empty array excludes nothing.
    /// </summary>
    /// <remarks>
    /// Null rather than a pre-filled array because the configuration binder appends to an existing array: a
    /// configured list could otherwise never drop a default pattern.
    /// </remarks>
    public string[]? ExcludeInterfaces { get; set; }

    /// <summary>The patterns in effect.</summary>
    public IReadOnlyList<string> GetExcludeInterfaces() => ExcludeInterfaces ?? DefaultExcludeInterfaces;
}
