// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using KvpDaemon.Protocol;

namespace KvpDaemon.HostSimulator.Simulation;

internal sealed partial class KvpHostSimulator
{
    /// <summary>The most items a walk of one pool reads before it is taken to be a daemon that never ends it.</summary>
    public const int MaxEnumerationItems = 1_000_000;

    /// <summary>
    /// Sends one request the way the kernel builds it (docs/protocol.md 3.4) and reads the one reply the way this ABI's kernel
    /// reads it (docs/protocol.md 3.5).
    /// </summary>
    /// <exception cref="KvpSimulatorException">The reply has the wrong size (the connection stays open: one datagram
    /// answered one request), or the connection failed (it is then closed; see <see cref="WaitForRegistrationAsync"/>).
    /// </exception>
    /// <exception cref="OperationCanceledException">Cancelled; the connection is closed, as its reply is still owed.</exception>
    public async Task<KvpReply> SendAsync(KvpRequest request, CancellationToken cancellationToken)
    {
        using var scope = Enter();
        var connection = RequireConnection();
        var size = Abi.MessageSize;
        KvpCodec.EncodeRequest(Abi, request, _buffer.AsSpan(0, size));

        // The codec wrote the operation byte; the reply is read the way the kernel reads that operation's reply.
        var operation = (KvpOperation)_buffer[KvpWireLayout.Operation];
        await SendAsync(connection, _buffer.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
        var length = await ReceiveAsync(connection, $"the reply to op {(byte)operation}", cancellationToken)
            .ConfigureAwait(false);
        if (length != size)
        {
            throw new KvpSimulatorException(
                $"The reply to op {(byte)operation} is {DescribeLength(length)}; a {Abi.Name} message is {size} bytes.");
        }

        return KvpCodec.DecodeReply(Abi, operation, _buffer.AsSpan(0, size));
    }

    /// <summary>
    /// Sends <paramref name="datagram"/> as it is (any size, any content: for hostile-input tests) and returns the reply
    /// datagram, whatever its size.
    /// </summary>
    /// <exception cref="KvpSimulatorException">The daemon closed the connection instead of replying.</exception>
    public async Task<byte[]> SendRawAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken)
    {
        using var scope = Enter();
        var connection = RequireConnection();
        await SendAsync(connection, datagram, cancellationToken).ConfigureAwait(false);
        var length = await ReceiveAsync(connection, "the reply to a raw datagram", cancellationToken).ConfigureAwait(false);
        return _buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>
    /// Walks <paramref name="pool"/> with ENUMERATE from index 0 until a reply is not HV_S_OK (docs/protocol.md 4.4).
    /// </summary>
    /// <exception cref="KvpSimulatorException">More than <see cref="MaxEnumerationItems"/> items: the walk never ends.</exception>
    public async IAsyncEnumerable<KvpEnumerateReply> EnumerateAsync(
        byte pool, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (uint index = 0; ; index++)
        {
            if (index >= MaxEnumerationItems)
            {
                throw new KvpSimulatorException(
                    $"Pool {pool} still answered after {MaxEnumerationItems} items; an enumeration must end with a non-OK status.");
            }

            var reply = await SendAsync(new KvpEnumerateRequest(pool, index), cancellationToken).ConfigureAwait(false);
            if (reply is not KvpEnumerateReply item)
            {
                yield break;
            }

            yield return item;
        }
    }

    /// <summary>Walks a pool like <see cref="EnumerateAsync"/> and also reports the status that ended the walk.</summary>
    public async Task<KvpEnumeration> EnumerateWithStatusAsync(byte pool, CancellationToken cancellationToken)
    {
        var items = new List<KvpEnumerateReply>();
        for (uint index = 0; ; index++)
        {
            if (index >= MaxEnumerationItems)
            {
                throw new KvpSimulatorException(
                    $"Pool {pool} still answered after {MaxEnumerationItems} items; an enumeration must end with a non-OK status.");
            }

            var reply = await SendAsync(new KvpEnumerateRequest(pool, index), cancellationToken).ConfigureAwait(false);
            if (reply is not KvpEnumerateReply item)
            {
                return new KvpEnumeration(items, reply.Status);
            }

            items.Add(item);
        }
    }

    /// <summary>All items of <paramref name="pool"/> in index order (see <see cref="EnumerateWithStatusAsync"/>).</summary>
    public async Task<IReadOnlyList<KvpEnumerateReply>> EnumerateAllAsync(byte pool, CancellationToken cancellationToken) =>
        (await EnumerateWithStatusAsync(pool, cancellationToken).ConfigureAwait(false)).Items;

    private static string DescribeLength(int length) =>
        length >= ReceiveBufferSize ? $"at least {length} bytes" : $"{length} bytes";
}
