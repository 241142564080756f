// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;

namespace KvpDaemon.IpConfig;

/// <summary>Answers KVP_OP_SET_IP_INFO: validates and applies a static IP configuration (docs/protocol.md section 6).</summary>
internal interface ISetIpInfoHandler
{
    ValueTask<KvpReply> ApplyAsync(KvpSetIpInfoRequest request, CancellationToken cancellationToken);
}
