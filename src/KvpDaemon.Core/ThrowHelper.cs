// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics.CodeAnalysis;
using KvpDaemon.Protocol;

namespace KvpDaemon;

/// <summary>Throw sites kept out of hot paths so those stay small and inlinable (docs/contributing.md rule 4).</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowMessageSizeMismatch(KvpAbi abi, int length) =>
        throw new ArgumentException(
            $"A {abi.Name} KVP message is {abi.MessageSize} bytes; this buffer is {length}.", "message");

    [DoesNotReturn]
    public static void ThrowInvalidPool(byte pool) =>
        throw new ArgumentOutOfRangeException(nameof(pool), pool, $"Pools are 0 to {KvpPools.KVP_POOL_COUNT - 1}.");
}
