// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Intrinsic;

/// <summary>The value of the pool-2 item FullyQualifiedDomainName (docs/protocol.md 4.5 index 0, QUIRK-24).</summary>
internal interface IFqdnSource
{
    /// <summary>
    /// The machine's fully qualified domain name, or its host name when that cannot be resolved in time. Never an
    /// error text, never throws; it may block for a bounded, short time.
    /// </summary>
    string GetFullyQualifiedDomainName();
}
