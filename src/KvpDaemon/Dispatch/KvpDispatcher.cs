// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IpConfig;
using KvpDaemon.Network;
using KvpDaemon.Pools;
using KvpDaemon.Protocol;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Dispatch;

/// <summary>
/// Routes each decoded request to its handler and turns every outcome into a status (docs/protocol.md section 4 with the
/// recommended fixes). It never throws: an I/O error is answered HV_E_FAIL and logged, so the daemon keeps serving.
/// </summary>
/// <remarks>
/// Statuses: pool operations answer HV_S_CONT for "not found", "end of enumeration" and every refused request (a pool
/// of 5 or more, QUIRK-20; SET or DELETE on pool 2, as FreeBSD does); HV_E_FAIL when the pool file could not be read
/// or written; HV_ERROR_NOT_SUPPORTED for an unknown operation (QUIRK-23).
/// <para>Every line a host can cause (refusals, unknown operations, I/O failures) goes through a
/// <see cref="LogRateLimiter"/> first, and every host-supplied key is logged through <see cref="KvpText.ForLog"/>,
/// escaped (docs/reliability.md, "Hostile local users, helpers and servers").</para>
/// </remarks>
internal sealed partial class KvpDispatcher
{
    private readonly KvpPoolStore _pools;
    private readonly IIntrinsicItems _intrinsicItems;
    private readonly IIpInfoProvider _ipInfo;
    private readonly ISetIpInfoHandler _setIpInfo;
    private readonly ILogger _logger;
    private readonly LogRateLimiter _limiter;

    public KvpDispatcher(
        KvpPoolStore pools,
        IIntrinsicItems intrinsicItems,
        IIpInfoProvider ipInfo,
        ISetIpInfoHandler setIpInfo,
        ILogger<KvpDispatcher> logger,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(intrinsicItems);
        ArgumentNullException.ThrowIfNull(ipInfo);
        ArgumentNullException.ThrowIfNull(setIpInfo);
        ArgumentNullException.ThrowIfNull(logger);
        _pools = pools;
        _intrinsicItems = intrinsicItems;
        _ipInfo = ipInfo;
        _setIpInfo = setIpInfo;
        _logger = logger;
        _limiter = new LogRateLimiter(timeProvider ?? TimeProvider.System);
    }

    public async ValueTask<KvpReply> DispatchAsync(KvpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var (kind, suppressed) in _limiter.TakeEndedSummaries())
        {
            Log.Suppressed(_logger, suppressed, kind);
        }

        try
        {
            return request switch
            {
                KvpGetRequest get => Get(get, cancellationToken),
                KvpSetRequest set => Set(set, cancellationToken),
                KvpDeleteRequest delete => Delete(delete, cancellationToken),
                KvpEnumerateRequest enumerate => Enumerate(enumerate, cancellationToken),
                KvpGetIpInfoRequest getIpInfo => await _ipInfo.GetIpInfoAsync(getIpInfo, cancellationToken).ConfigureAwait(false),
                KvpSetIpInfoRequest setIpInfo => await _setIpInfo.ApplyAsync(setIpInfo, cancellationToken).ConfigureAwait(false),
                KvpUnknownRequest unknown => Unsupported(unknown),
                _ => throw new ArgumentException($"No handler for {request.GetType().Name}.", nameof(request)),
            };
        }
        catch (IOException exception)
        {
            if (Allow(Log.PoolIoFailedId))
            {
                Log.PoolIoFailed(_logger, request.Pool, exception.Message);
            }

            return KvpStatusReply.Fail;
        }
        catch (UnauthorizedAccessException exception)
        {
            if (Allow(Log.PoolIoFailedId))
            {
                Log.PoolIoFailed(_logger, request.Pool, exception.Message);
            }

            return KvpStatusReply.Fail;
        }
    }

    /// <summary>Whether a line of <paramref name="kind"/> (its event id) may be written; reports what was suppressed first.</summary>
    private bool Allow(int kind)
    {
        if (!_limiter.Allow(kind, out var suppressed))
        {
            return false;
        }

        if (suppressed > 0)
        {
            Log.Suppressed(_logger, suppressed, kind);
        }

        return true;
    }

    private KvpReply Get(KvpGetRequest request, CancellationToken cancellationToken)
    {
        if (!IsStoredPool(request, out var pool))
        {
            return request.Pool == (byte)KvpPool.Intrinsic ? _intrinsicItems.Get(request.Key) : KvpStatusReply.Continue;
        }

        if (!pool.TryGet(request.Key, out var value, cancellationToken))
        {
            Log.KeyNotFound(_logger, request.Pool, request.Key.ForLog);
            return KvpStatusReply.Continue;
        }

        // The whole stored value, whatever value_size said (QUIRK-10); the codec places it where the kernel reads it.
        return new KvpGetReply(value);
    }

    private KvpReply Set(KvpSetRequest request, CancellationToken cancellationToken)
    {
        if (!IsStoredPool(request, out var pool))
        {
            return Refuse(request, "SET");
        }

        if (request.Key.IsEmpty)
        {
            if (Allow(Log.EmptyKeyRefusedId))
            {
                Log.EmptyKeyRefused(_logger, "SET", request.Pool);
            }

            return KvpStatusReply.Continue;
        }

        var added = pool.Set(request.Key, request.Value, cancellationToken);
        Log.KeySet(_logger, request.Pool, request.Key.ForLog, added ? "added" : "modified");
        return KvpStatusReply.Ok;
    }

    private KvpReply Delete(KvpDeleteRequest request, CancellationToken cancellationToken)
    {
        if (!IsStoredPool(request, out var pool))
        {
            return Refuse(request, "DELETE");
        }

        if (!pool.Delete(request.Key, cancellationToken))
        {
            Log.KeyNotFound(_logger, request.Pool, request.Key.ForLog);
            return KvpStatusReply.Continue;
        }

        Log.KeyDeleted(_logger, request.Pool, request.Key.ForLog);
        return KvpStatusReply.Ok;
    }

    private KvpReply Enumerate(KvpEnumerateRequest request, CancellationToken cancellationToken)
    {
        if (request.Pool == (byte)KvpPool.Intrinsic)
        {
            return _intrinsicItems.Enumerate(request.Index);
        }

        if (!IsStoredPool(request, out var pool))
        {
            return KvpStatusReply.Continue;
        }

        return pool.GetAt(request.Index, cancellationToken) is { } record
            ? new KvpEnumerateReply(record.Key, record.Value)
            : KvpStatusReply.Continue;
    }

    private KvpStatusReply Unsupported(KvpUnknownRequest request)
    {
        if (Allow(Log.UnsupportedOperationId))
        {
            Log.UnsupportedOperation(_logger, request.Operation, request.Pool);
        }

        return new KvpStatusReply(HvStatus.HV_ERROR_NOT_SUPPORTED);
    }

    /// <summary>A write IsStoredPool turned down: pool 2 is refused here; an invalid pool was logged there.</summary>
    private KvpStatusReply Refuse(KvpRequest request, string operation)
    {
        if (request.Pool == (byte)KvpPool.Intrinsic && Allow(Log.PoolRefusedId))
        {
            Log.PoolRefused(_logger, operation, request.Pool);
        }

        return KvpStatusReply.Continue;
    }

    /// <summary>Pools 0, 1, 3 and 4 live in files; pool 2 is synthesized and pools of 5 or more do not exist.</summary>
    private bool IsStoredPool(KvpRequest request, out KvpPoolFile pool)
    {
        if (!KvpPools.IsValid(request.Pool))
        {
            if (Allow(Log.InvalidPoolId))
            {
                Log.InvalidPool(_logger, request.GetType().Name, request.Pool);
            }

            pool = null!;
            return false;
        }

        if (request.Pool == (byte)KvpPool.Intrinsic)
        {
            pool = null!;
            return false;
        }

        pool = _pools[request.Pool];
        return true;
    }
}
