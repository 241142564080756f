// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Intrinsic;

namespace KvpDaemon.Tests.Intrinsic.Fakes;

/// <summary>An FQDN source that answers a settable value and counts calls.</summary>
internal sealed class FakeFqdnSource : IFqdnSource
{
    public string Value { get; set; } = "vm1.example.com";

    public int Calls { get; private set; }

    public string GetFullyQualifiedDomainName()
    {
        Calls++;
        return Value;
    }
}
