// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net.Sockets;
using System.Threading.Channels;
using KvpDaemon.Protocol;

namespace KvpDaemon.Tests.HostSimulator.Infrastructure;

/// <summary>
/// The daemon's side of the unix: transport, in the test process: connects (retrying until the simulator listens),
/// registers, reads the Linux registration reply, then answers each request datagram. When the simulator closes the
/// connection it reconnects and registers again, as the real daemon treats a reset. Failures of the fake itself surface
/// from <see cref="DisposeAsync"/>.
/// </summary>
internal sealed class FakeDaemon : IAsyncDisposable
{
    private readonly string _socketPath;
    private readonly KvpAbi _abi;
    private readonly Func<byte[], Task<byte[]?>> _respond;
    private readonly byte _registrationOperation;
    private readonly Channel<string?> _registrations = Channel.CreateUnbounded<string?>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private FakeDaemon(string socketPath, KvpAbi abi, Func<byte[], Task<byte[]?>> respond, byte registrationOperation)
    {
        _socketPath = socketPath;
        _abi = abi;
        _respond = respond;
        _registrationOperation = registrationOperation;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>One entry per completed registration: the Linux kernel version received, or null (FreeBSD).</summary>
    public ChannelReader<string?> Registrations => _registrations.Reader;

    /// <summary>Answers decoded requests with <paramref name="handler"/>, encoded with KvpCodec.EncodeReply.</summary>
    public static FakeDaemon Start(string socketPath, KvpAbi abi, Func<KvpRequest, KvpReply> handler) =>
        StartRaw(socketPath, abi, request =>
        {
            var reply = new byte[abi.MessageSize];
            KvpCodec.EncodeReply(abi, handler(KvpCodec.DecodeRequest(abi, request)), reply);
            return Task.FromResult<byte[]?>(reply);
        });

    /// <summary>Answers each datagram with what <paramref name="respond"/> returns; null closes the connection.</summary>
    public static FakeDaemon StartRaw(
        string socketPath, KvpAbi abi, Func<byte[], Task<byte[]?>> respond, byte? registrationOperation = null) =>
        new(socketPath, abi, respond, registrationOperation ?? abi.RegisterOperation);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // The normal end of the loop.
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        while (true)
        {
            using var socket = await ConnectAsync(token);
            var registration = new byte[_abi.MessageSize];
            KvpCodec.EncodeRegistration(_abi, registration);
            registration[KvpWireLayout.Operation] = _registrationOperation;
            await socket.SendAsync(registration, SocketFlags.None, token);
            var buffer = new byte[64 * 1024];
            string? version = null;
            if (_abi.ExpectsRegistrationReply)
            {
                var length = await socket.ReceiveAsync(buffer, SocketFlags.None, token);
                if (length == 0)
                {
                    continue;
                }

                KvpCodec.TryDecodeRegistrationReply(_abi, buffer.AsSpan(0, length), out version).Should().BeTrue();
            }

            _registrations.Writer.TryWrite(version);
            while (true)
            {
                var length = await socket.ReceiveAsync(buffer, SocketFlags.None, token);
                if (length == 0)
                {
                    break;
                }

                var reply = await _respond(buffer.AsSpan(0, length).ToArray()).WaitAsync(token);
                if (reply is null)
                {
                    break;
                }

                await socket.SendAsync(reply, SocketFlags.None, token);
            }
        }
    }

    /// <summary>Connects, retrying while the socket does not exist or refuses, like the daemon's reconnect loop.</summary>
    private async Task<Socket> ConnectAsync(CancellationToken token)
    {
        while (true)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(_socketPath), token);
                return socket;
            }
            catch (SocketException)
            {
                socket.Dispose();
                await Task.Delay(10, token);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }
}
