// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IpConfig;

/// <summary>
/// Turns a validated request into the plan of one network-configuration system (docs/compatibility.md E #5). Implementations
/// are pure: same input, same plan; they read nothing and change nothing.
/// </summary>
internal interface IIpConfigBackend
{
    /// <summary>The name <see cref="IpConfigOptions.Backend"/> selects it by.</summary>
    string Name { get; }

    /// <summary>The plan; throws <see cref="InvalidOperationException"/> when the request cannot be expressed.</summary>
    IpConfigPlan Plan(IpConfigRequest request, IpConfigPlanContext context);
}

/// <summary>What a backend may need to know about the system's current state, read beforehand by the caller.</summary>
/// <param name="CurrentResolvConf">The text of <c>/etc/resolv.conf</c>, or null if absent or not needed.</param>
internal sealed record IpConfigPlanContext(string? CurrentResolvConf)
{
    public static readonly IpConfigPlanContext Empty = new((string?)null);

    /// <summary>
    /// Other configuration files that decide whether the injected one takes effect, by absolute system path (see
    /// <see cref="SystemFileSnapshot"/> for which, and its bounds).
    /// </summary>
    public IReadOnlyDictionary<string, string> SystemFiles { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The files of <see cref="SystemFiles"/> directly in <paramref name="directory"/>, by name, in ordinal order.</summary>
    public IEnumerable<(string Path, string Name, string Text)> FilesIn(string directory) =>
        SystemFiles.Where(f => Path.GetDirectoryName(f.Key) == directory)
            .Select(f => (f.Key, Path.GetFileName(f.Key), f.Value))
            .OrderBy(f => f.Item2, StringComparer.Ordinal);

    /// <summary>The text of one file of <see cref="SystemFiles"/>, or null when it is absent.</summary>
    public string? File(string path) => SystemFiles.TryGetValue(path, out var text) ? text : null;
}
