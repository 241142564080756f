// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.Network;

/// <summary>
/// A fact that needs a Linux network namespace (root, iproute2, namespaces allowed); skipped with the reason otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NetnsFactAttribute : FactAttribute
{
    public NetnsFactAttribute()
    {
        Skip = NetworkNamespace.UnavailableReason;
    }
}
