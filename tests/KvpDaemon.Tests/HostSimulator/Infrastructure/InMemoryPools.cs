// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;

namespace KvpDaemon.Tests.HostSimulator.Infrastructure;

/// <summary>A minimal pool store behind <see cref="FakeDaemon"/>: insertion-ordered items per pool (docs/protocol.md 4).</summary>
internal sealed class InMemoryPools
{
    private readonly Dictionary<byte, List<(KvpText Key, KvpText Value)>> _pools = [];

    public List<KvpRequest> Received { get; } = [];

    public KvpReply Handle(KvpRequest request)
    {
        lock (Received)
        {
            Received.Add(request);
            var pool = Pool(request.Pool);
            switch (request)
            {
                case KvpSetRequest set:
                    var index = pool.FindIndex(item => item.Key == set.Key);
                    if (index >= 0)
                    {
                        pool[index] = (set.Key, set.Value);
                    }
                    else
                    {
                        pool.Add((set.Key, set.Value));
                    }

                    return KvpStatusReply.Ok;
                case KvpGetRequest get:
                    var found = pool.FindIndex(item => item.Key == get.Key);
                    return found >= 0 ? new KvpGetReply(pool[found].Value) : KvpStatusReply.Continue;
                case KvpDeleteRequest delete:
                    return pool.RemoveAll(item => item.Key == delete.Key) > 0 ? KvpStatusReply.Ok : KvpStatusReply.Continue;
                case KvpEnumerateRequest enumerate:
                    return enumerate.Index < pool.Count
                        ? new KvpEnumerateReply(pool[(int)enumerate.Index].Key, pool[(int)enumerate.Index].Value)
                        : KvpStatusReply.Continue;
                case KvpGetIpInfoRequest getIp:
                    return new KvpIpInfoReply(getIp.AdapterId, 1, true, "10.0.0.5", "255.255.255.0", "10.0.0.1;", "10.0.0.2;");
                default:
                    return new KvpStatusReply(HvStatus.HV_ERROR_NOT_SUPPORTED);
            }
        }
    }

    private List<(KvpText Key, KvpText Value)> Pool(byte pool)
    {
        if (!_pools.TryGetValue(pool, out var items))
        {
            items = [];
            _pools[pool] = items;
        }

        return items;
    }
}
