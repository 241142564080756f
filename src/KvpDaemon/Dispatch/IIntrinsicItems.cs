// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;

namespace KvpDaemon.Dispatch;

/// <summary>Pool 2: the items the daemon synthesizes instead of storing (docs/protocol.md 4.5).</summary>
internal interface IIntrinsicItems
{
    /// <summary>The item at <paramref name="index"/>, or HV_S_CONT past the last one.</summary>
    KvpReply Enumerate(uint index);

    /// <summary>The value of the item named <paramref name="key"/> (a view of the request), or HV_S_CONT.</summary>
    KvpReply Get(ReadOnlySpan<byte> key);

    /// <summary>Records the version the kernel sent at registration (IntegrationServicesVersion).</summary>
    void SetIntegrationServicesVersion(string version);
}
