// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IpConfig;

/// <summary>
/// Turns a validated request into the plan of one network-configuration system (ecosystem.md E#5). Implementations
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
}
