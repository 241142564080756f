// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Intrinsic;

namespace KvpDaemon.Tests.Intrinsic.Fakes;

/// <summary>An address source that answers settable lists and counts calls.</summary>
internal sealed class FakeAddressListSource : IAddressListSource
{
    public IntrinsicAddressLists Value { get; set; } = new("192.0.2.10;198.51.100.7", "2001:db8::10;fe80::215:5dff:fe00:1");

    public int Calls { get; private set; }

    public IntrinsicAddressLists GetAddressLists()
    {
        Calls++;
        return Value;
    }
}
