// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Protocol;

/// <summary>
/// <c>hv_kvp_hdr.operation</c> (docs/protocol.md 1.1). Names keep the Linux header's spelling so they grep against
/// <c>hyperv.h</c>. The registration opcodes are not here: they differ per kernel and live on <see cref="KvpAbi"/>.
/// </summary>
internal enum KvpOperation : byte
{
    KVP_OP_GET = 0,
    KVP_OP_SET = 1,
    KVP_OP_DELETE = 2,
    KVP_OP_ENUMERATE = 3,
    KVP_OP_GET_IP_INFO = 4,
    KVP_OP_SET_IP_INFO = 5,
}
