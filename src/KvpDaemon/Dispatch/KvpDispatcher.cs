// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using KvpDaemon.IpConfig;
using KvpDaemon.Network;
using KvpDaemon.Pools;
using KvpDaemon.Protocol;
using KvpDaemon.Transport;
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
internal sealed partial class KvpDispatcher : IKvpRequestHandler
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
        _pools = pools;
        _intrinsicItems = intrinsicItems;
        _ipInfo = ipInfo;
        _setIpInfo = setIpInfo;
        _logger = logger;
        _limiter = new LogRateLimiter(timeProvider ?? TimeProvider.System);
    }

    /// <summary>
    /// The daemon's request loop: a GET, SET, DELETE or ENUMERATE answered into <paramref name="reply"/>, with keys
    /// looked up by the message's bytes and values read into the pool file's buffer, so that nothing is allocated unless
    /// a SET adds a key or a line is logged (docs/performance.md, "Memory: a request path without garbage").
    /// </summary>
    public void Serve(KvpPoolRequest request, ref KvpReplyWriter reply, CancellationToken cancellationToken)
    {
        ReportEndedSummaries();
        try
        {
            switch (request.Operation)
            {
                case KvpOperation.KVP_OP_GET:
                    Get(request, ref reply, cancellationToken);
                    break;
                case KvpOperation.KVP_OP_SET:
                    reply.Status(Set(request, cancellationToken));
                    break;
                case KvpOperation.KVP_OP_DELETE:
                    reply.Status(Delete(request, cancellationToken));
                    break;
                default:
                    Enumerate(request, ref reply, cancellationToken);
                    break;
            }
        }
        catch (IOException exception)
        {
            LogIoFailure(request.Pool, exception);
            reply.Status(KvpStatusReply.Fail);
        }
        catch (UnauthorizedAccessException exception)
        {
            LogIoFailure(request.Pool, exception);
            reply.Status(KvpStatusReply.Fail);
        }
    }

    /// <inheritdoc/>
    /// <remarks>A pool request given here (tests, the hostile rig) is answered through <see cref="Serve"/> too.</remarks>
    public async ValueTask<KvpReply> HandleAsync(KvpRequest request, CancellationToken cancellationToken)
    {
        if (ServeAsObject(request, cancellationToken) is { } poolReply)
        {
            return poolReply;
        }

        ReportEndedSummaries();
        try
        {
            return request switch
            {
                KvpGetIpInfoRequest getIpInfo => await _ipInfo.GetIpInfoAsync(getIpInfo, cancellationToken).ConfigureAwait(false),
                KvpSetIpInfoRequest setIpInfo => await _setIpInfo.ApplyAsync(setIpInfo, cancellationToken).ConfigureAwait(false),
                KvpUnknownRequest unknown => Unsupported(unknown),
                _ => throw new ArgumentException($"No handler for {request.GetType().Name}.", nameof(request)),
            };
        }
        catch (IOException exception)
        {
            LogIoFailure(request.Pool, exception);
            return KvpStatusReply.Fail;
        }
        catch (UnauthorizedAccessException exception)
        {
            LogIoFailure(request.Pool, exception);
            return KvpStatusReply.Fail;
        }
    }

    /// <summary>A pool request's reply as an object, through <see cref="Serve"/>; null for any other request.</summary>
    private KvpReply? ServeAsObject(KvpRequest request, CancellationToken cancellationToken)
    {
        if (!KvpPoolRequest.TryFrom(request, out var poolRequest))
        {
            return null;
        }

        var reply = KvpReplyWriter.IntoObject();
        Serve(poolRequest, ref reply, cancellationToken);
        Debug.Assert(reply.Reply is not null, "Serve writes a reply on every path");
        return reply.Reply;
    }

    private void ReportEndedSummaries()
    {
        foreach (var (kind, suppressed) in _limiter.TakeEndedSummaries())
        {
            Log.Suppressed(_logger, suppressed, kind);
        }
    }

    private void LogIoFailure(byte pool, Exception exception)
    {
        if (Allow(Log.PoolIoFailedId))
        {
            Log.PoolIoFailed(_logger, pool, exception.Message);
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

    private void Get(KvpPoolRequest request, ref KvpReplyWriter reply, CancellationToken cancellationToken)
    {
        if (!IsStoredPool(request, out var pool))
        {
            if (request.Pool == (byte)KvpPool.Intrinsic)
            {
                reply.Object(_intrinsicItems.Get(request.Key));
            }
            else
            {
                reply.Status(KvpStatusReply.Continue);
            }

            return;
        }

        if (!pool.TryGet(request.Key, out var value, cancellationToken))
        {
            LogKeyNotFound(request.Pool, request.Key);
            reply.Status(KvpStatusReply.Continue);
            return;
        }

        // The whole stored value, whatever value_size said (QUIRK-10); the codec places it where the kernel reads it.
        reply.GetValue(value);
    }

    private KvpStatusReply Set(KvpPoolRequest request, CancellationToken cancellationToken)
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
        LogKeySet(request.Pool, request.Key, added);
        return KvpStatusReply.Ok;
    }

    private KvpStatusReply Delete(KvpPoolRequest request, CancellationToken cancellationToken)
    {
        if (!IsStoredPool(request, out var pool))
        {
            return Refuse(request, "DELETE");
        }

        if (!pool.Delete(request.Key, cancellationToken))
        {
            LogKeyNotFound(request.Pool, request.Key);
            return KvpStatusReply.Continue;
        }

        LogKeyDeleted(request.Pool, request.Key);
        return KvpStatusReply.Ok;
    }

    private void Enumerate(KvpPoolRequest request, ref KvpReplyWriter reply, CancellationToken cancellationToken)
    {
        if (request.Pool == (byte)KvpPool.Intrinsic)
        {
            reply.Object(_intrinsicItems.Enumerate(request.Index));
        }
        else if (IsStoredPool(request, out var pool) && pool.TryGetAt(request.Index, out var key, out var value, cancellationToken))
        {
            reply.Item(key, value);
        }
        else
        {
            reply.Status(KvpStatusReply.Continue);
        }
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
    private KvpStatusReply Refuse(KvpPoolRequest request, string operation)
    {
        if (request.Pool == (byte)KvpPool.Intrinsic && Allow(Log.PoolRefusedId))
        {
            Log.PoolRefused(_logger, operation, request.Pool);
        }

        return KvpStatusReply.Continue;
    }

    /// <summary>Pools 0, 1, 3 and 4 live in files; pool 2 is synthesized and pools of 5 or more do not exist.</summary>
    private bool IsStoredPool(KvpPoolRequest request, [NotNullWhen(true)] out KvpPoolFile? pool)
    {
        if (!KvpPools.IsValid(request.Pool))
        {
            if (Allow(Log.InvalidPoolId))
            {
                Log.InvalidPool(_logger, request.Name, request.Pool);
            }

            pool = null;
            return false;
        }

        if (request.Pool == (byte)KvpPool.Intrinsic)
        {
            pool = null;
            return false;
        }

        pool = _pools[request.Pool];
        return true;
    }
}
