// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Transport;

/// <summary>
/// One connection to the kernel side of the KVP exchange: the character device, or a simulator's socket. Each read
/// returns one whole message and each write sends one. Any failure surfaces as <see cref="IOException"/> (or
/// <see cref="System.Net.Sockets.SocketException"/>), and <see cref="KvpChannel"/> answers it by reopening.
/// </summary>
internal interface IKvpTransport : IDisposable
{
    /// <summary>A name for logs: the device path or the socket address.</summary>
    string Description { get; }

    ValueTask OpenAsync(CancellationToken cancellationToken);

    /// <summary>Waits for one message and reads it into <paramref name="buffer"/>, which holds exactly one message.</summary>
    /// <returns>
    /// The message length: the ABI's size, unless the peer misbehaved. A longer message is cut to the buffer, and its
    /// full length is returned, so that the caller sees the wrong size.
    /// </returns>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>Closes the connection; <see cref="OpenAsync"/> may be called again.</summary>
    void Close();
}
