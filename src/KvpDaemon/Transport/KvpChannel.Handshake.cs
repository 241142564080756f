// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;

namespace KvpDaemon.Transport;

internal sealed partial class KvpChannel
{
    /// <summary>
    /// Opens the transport and registers (docs/protocol.md 3.1 to 3.3), retrying until it succeeds or
    /// <paramref name="cancellationToken"/> is cancelled. Linux: a zeroed message with op 100, answered by the kernel
    /// with op 100 and its version string; the kernel starts relaying host requests only once that reply is read.
    /// FreeBSD: a zeroed message with op 4, never answered.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _transport.OpenAsync(cancellationToken).ConfigureAwait(false);
                var version = await RegisterAsync(cancellationToken).ConfigureAwait(false);
                Registrations++;
                Log.ChannelRegistered(_logger, _transport.Description, _abi.Name, version ?? "(none)");
                Registered?.Invoke(this, new KvpRegisteredEventArgs(version));
                return;
            }
            catch (Exception exception) when (IsTransportFailure(exception) && !cancellationToken.IsCancellationRequested)
            {
                _transport.Close();
                if (attempt == 1)
                {
                    Log.RegistrationFailed(_logger, _transport.Description, exception.Message);
                }
                else
                {
                    Log.RegistrationRetryFailed(_logger, _transport.Description, attempt, exception.Message);
                }
            }

            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private async Task<string?> RegisterAsync(CancellationToken cancellationToken)
    {
        KvpCodec.EncodeRegistration(_abi, _writeBuffer);
        await _transport.WriteAsync(_writeBuffer, cancellationToken).ConfigureAwait(false);
        if (!_abi.ExpectsRegistrationReply)
        {
            return null;
        }

        var length = await _transport.ReadAsync(_readBuffer, cancellationToken).ConfigureAwait(false);
        if (length == _abi.MessageSize &&
            KvpCodec.TryDecodeRegistrationReply(_abi, _readBuffer.AsSpan(0, length), out var version))
        {
            return version;
        }

        // The Linux kernel queues nothing before the registration reply (docs/protocol.md 3.1); anything else means the
        // other side is not in the state we think, so start over.
        throw new IOException($"Expected the registration reply; received a {length}-byte message with op {_readBuffer[0]}.");
    }
}
