// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net.Sockets;
using KvpDaemon.Protocol;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Transport;

/// <summary>
/// The daemon's end of the KVP exchange: registers with the kernel, then answers each request with exactly one reply,
/// forever. Owns the transport and its reconnect policy: a failed or closed transport is reopened and registered again
/// (docs/protocol.md 3.2; on FreeBSD too, as a recommended deviation), with a bounded back-off that retries at least every
/// second and never spins.
/// </summary>
internal sealed partial class KvpChannel : IDisposable
{
    /// <summary>The wait before the first retry; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    private readonly IKvpTransport _transport;
    private readonly KvpAbi _abi;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    // Exactly one message: the FreeBSD driver transfers min(count, 7431) bytes (docs/protocol.md 2.6), so a larger buffer
    // would read 7431. A transport that can receive more than asked (a datagram socket) reports the true length.
    private readonly byte[] _readBuffer;
    private readonly byte[] _writeBuffer;

    public KvpChannel(IKvpTransport transport, KvpAbi abi, ILogger logger, TimeProvider timeProvider)
    {
        _transport = transport;
        _abi = abi;
        _logger = logger;
        _timeProvider = timeProvider;
        _readBuffer = new byte[abi.MessageSize];
        _writeBuffer = new byte[abi.MessageSize];
    }

    /// <summary>Raised after every successful registration with the version the kernel sent (Linux), or null.</summary>
    public event EventHandler<KvpRegisteredEventArgs>? Registered;

    /// <summary>How many times the channel has registered since it was created.</summary>
    public int Registrations { get; private set; }

    /// <summary>
    /// Serves requests until <paramref name="cancellationToken"/> is cancelled. Transport failures reconnect; a
    /// handler failure is answered HV_E_FAIL. Only cancellation ends the loop.
    /// </summary>
    public async Task RunAsync(IKvpRequestHandler handler, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await ServeAsync(handler, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsTransportFailure(exception) && !cancellationToken.IsCancellationRequested)
            {
                Log.TransportFailed(_logger, _transport.Description, exception.Message);
                _transport.Close();
                await ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _transport.Dispose();

    private async Task ServeAsync(IKvpRequestHandler handler, CancellationToken cancellationToken)
    {
        while (true)
        {
            var length = await _transport.ReadAsync(_readBuffer, cancellationToken).ConfigureAwait(false);
            if (length != _abi.MessageSize)
            {
                // The kernels always transfer whole messages; anything else is a misbehaving peer. It still gets one
                // reply, so it is never left waiting, and the daemon keeps serving.
                Log.WrongMessageSize(_logger, length, _abi.MessageSize);
                KvpCodec.EncodeReply(_abi, KvpStatusReply.Fail, _writeBuffer);
            }
            else if (!TryServeInPlace(handler, cancellationToken))
            {
                var request = KvpCodec.DecodeRequest(_abi, _readBuffer);
                var reply = await HandleAsync(handler, request, cancellationToken).ConfigureAwait(false);
                KvpCodec.EncodeReply(_abi, reply, _writeBuffer);
            }

            await _transport.WriteAsync(_writeBuffer, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Answers a GET, SET, DELETE or ENUMERATE from the read buffer straight into the write buffer; false for any other
    /// request. These are what a host sends by the thousand, and serving them in place allocates nothing: per-request
    /// garbage is what set the daemon's peak memory (docs/performance.md, "Memory: a request path without garbage").
    /// </summary>
    private bool TryServeInPlace(IKvpRequestHandler handler, CancellationToken cancellationToken)
    {
        if (!KvpCodec.TryDecodePoolRequest(_abi, _readBuffer, out var request))
        {
            return false;
        }

        var reply = KvpReplyWriter.IntoMessage(_abi, _writeBuffer);
        try
        {
            handler.Serve(request, ref reply, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.HandlerFailed(_logger, request.Name, exception);
            KvpCodec.EncodeReply(_abi, KvpStatusReply.Fail, _writeBuffer);
        }

        return true;
    }

    private async ValueTask<KvpReply> HandleAsync(IKvpRequestHandler handler, KvpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.HandlerFailed(_logger, request.GetType().Name, exception);
            return KvpStatusReply.Fail;
        }
    }

    /// <summary>Failures answered by reopening. <see cref="EndOfStreamException"/> (a closed simulator connection)
    /// is an <see cref="IOException"/>.</summary>
    private static bool IsTransportFailure(Exception exception) =>
        exception is IOException or SocketException or ObjectDisposedException;
}
