// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;

namespace KvpDaemon.Network;

/// <summary>Answers KVP_OP_GET_IP_INFO (docs/protocol.md section 5).</summary>
internal interface IIpInfoProvider
{
    /// <returns>A <see cref="KvpIpInfoReply"/>, or a status reply (HV_E_FAIL for an unknown MAC).</returns>
    ValueTask<KvpReply> GetIpInfoAsync(KvpGetIpInfoRequest request, CancellationToken cancellationToken);
}
