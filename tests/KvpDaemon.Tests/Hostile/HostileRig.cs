// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using KvpDaemon.Intrinsic;
using KvpDaemon.Dispatch;
using KvpDaemon.Network;
using KvpDaemon.Platform;
using KvpDaemon.Pools;
using KvpDaemon.Protocol;
using KvpDaemon.Tests.Intrinsic.Fakes;
using KvpDaemon.Tests.Infrastructure;
using KvpDaemon.Tests.IpConfig;
using KvpDaemon.Tests.Network;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace KvpDaemon.Tests.Hostile;

/// <summary>
/// The daemon's request path without the process: a <see cref="KvpDispatcher"/> on a real pool store in a temporary
/// directory, fed as the daemon's channel feeds it (<see cref="ExchangeAsync"/>). The intrinsic items, the
/// GET_IP_INFO inspector and the SET_IP_INFO command runner are fakes, so no program runs and no network is read.
/// </summary>
internal sealed class HostileRig : IDisposable
{
    /// <summary>The MAC of the one interface the fake inspector knows (GET_IP_INFO answers OK for it).</summary>
    public const string Mac = "00:15:5D:0A:0B:01";

    private readonly TempDirectory _directory = new();
    private readonly IpConfigTestSystem _ipConfig = new();
    private readonly KvpPoolStore _store;
    private readonly KvpDispatcher _dispatcher;
    private readonly SafeFileHandle[] _readers;
    private byte[] _readBuffer = new byte[256 * 1024];

    public HostileRig(KvpAbi abi)
    {
        Abi = abi;
        var dialect = KvpDialect.ForCurrentOperatingSystem();
        _store = new KvpPoolStore(_directory.Path, dialect, NullLogger.Instance);
        _store.Open();
        var intrinsic = new IntrinsicItems(
            abi, Task.FromResult(new OsInfo("6.8.0-45-generic", "Debian GNU/Linux", "12", "", "6.8.0", "x86_64")), new FakeFqdnSource(), new FakeAddressListSource());
        var inspector = new FakeNetworkInspector(
            "eth1", FakeNetworkInspector.Interface("eth1", Mac, ["192.0.2.10/24", "2001:db8::10/64"], ["192.0.2.1"], index: 2));
        _dispatcher = new KvpDispatcher(
            _store,
            intrinsic,
            new IpInfoProvider(inspector, abi, NullLogger<IpInfoProvider>.Instance),
            _ipConfig.Handler(),
            NullLogger<KvpDispatcher>.Instance);

        // Plain open(2) descriptors: .NET's FileStream would hold a shared flock that blocks the store's writers.
        _readers = Enumerable.Range(0, KvpPools.KVP_POOL_COUNT).Select(pool => dialect.OpenReadOnly(PoolPath((byte)pool))).ToArray();
    }

    public KvpAbi Abi { get; }

    /// <summary>The GUID of the one adapter SET_IP_INFO knows.</summary>
    public static string AdapterGuid => IpConfigTestSystem.Guid;

    /// <summary>How many commands SET_IP_INFO "ran" (through the fake runner).</summary>
    public int CommandsRun => _ipConfig.Runner.Commands.Count;

    public string PoolPath(byte pool) => _directory.Combine(KvpPoolStore.FileName(pool));

    /// <summary>The five pool files' bytes.</summary>
    public byte[][] Snapshot() => _readers.Select(ReadAll).ToArray();

    /// <summary>Empties every pool file, so snapshots stay small in long randomized runs.</summary>
    public void ClearPools()
    {
        for (byte pool = 0; pool < KvpPools.KVP_POOL_COUNT; pool++)
        {
            File.WriteAllBytes(PoolPath(pool), []);
        }
    }

    /// <summary>A zeroed message of the ABI's size with the operation and pool bytes set.</summary>
    public byte[] Message(byte operation, byte pool)
    {
        var message = new byte[Abi.MessageSize];
        message[KvpWireLayout.Operation] = operation;
        message[KvpWireLayout.Pool] = pool;
        return message;
    }

    /// <summary>
    /// Answers <paramref name="message"/> as the daemon's loop does: a GET, SET, DELETE or ENUMERATE read in place
    /// (<see cref="KvpCodec.TryDecodePoolRequest"/>) and answered into the reply message by
    /// <see cref="KvpDispatcher.Serve"/>; any other request decoded, handled as an object and encoded. The in-place
    /// view and the decoded object (which DecodeRequest copies from that view) must round-trip, and a GET or ENUMERATE (which change nothing) is answered the object way
    /// too and must give the same bytes, so every hostile message exercises both paths.
    /// </summary>
    public async Task<Exchange> ExchangeAsync(byte[] message)
    {
        var request = KvpCodec.DecodeRequest(Abi, message);
        CheckInPlaceReading(message, request);
        var encoded = new byte[Abi.MessageSize];
        KvpReply reply;
        if (ServeInPlace(message, encoded))
        {
            // SET and DELETE answer a status only; a GET or ENUMERATE changes nothing, so it is answered as an object too.
            reply = KvpCodec.DecodeReply(Abi, (KvpOperation)message[KvpWireLayout.Operation], encoded);
            if (request is KvpGetRequest or KvpEnumerateRequest)
            {
                reply = await _dispatcher.HandleAsync(request, CancellationToken.None);
                var asObject = new byte[Abi.MessageSize];
                KvpCodec.EncodeReply(Abi, reply, asObject);
                if (!asObject.AsSpan().SequenceEqual(encoded))
                {
                    throw new InvalidOperationException($"{request} is answered differently in place and as an object.");
                }
            }
        }
        else
        {
            reply = await _dispatcher.HandleAsync(request, CancellationToken.None);
            KvpCodec.EncodeReply(Abi, reply, encoded);
        }

        return new Exchange(request, reply, encoded, (HvStatus)BinaryPrimitives.ReadUInt32LittleEndian(encoded));
    }

    private bool ServeInPlace(byte[] message, byte[] encoded)
    {
        if (!KvpCodec.TryDecodePoolRequest(Abi, message, out var request))
        {
            return false;
        }

        var writer = KvpReplyWriter.IntoMessage(Abi, encoded);
        _dispatcher.Serve(request, ref writer, CancellationToken.None);
        return true;
    }

    private void CheckInPlaceReading(byte[] message, KvpRequest request)
    {
        var inPlace = KvpCodec.TryDecodePoolRequest(Abi, message, out var read);
        var decoded = KvpPoolRequest.TryFrom(request, out var expected);
        if (inPlace != decoded || (inPlace && (
            read.Operation != expected.Operation || read.Pool != expected.Pool || read.Index != expected.Index ||
            !read.Key.SequenceEqual(expected.Key) || !read.Value.SequenceEqual(expected.Value))))
        {
            throw new InvalidOperationException($"The in-place reading of {request} differs from the decoded request.");
        }
    }

    public void Dispose()
    {
        foreach (var reader in _readers)
        {
            reader.Dispose();
        }

        _store.Dispose();
        _ipConfig.Dispose();
        _directory.Dispose();
    }

    /// <summary>
    /// The whole file in as few pread(2) calls as possible (one, for the small files of these tests): a read of a
    /// regular file that returns less than asked has reached the end.
    /// </summary>
    private byte[] ReadAll(SafeFileHandle handle)
    {
        var total = 0;
        while (true)
        {
            if (total == _readBuffer.Length)
            {
                Array.Resize(ref _readBuffer, _readBuffer.Length * 2);
            }

            var read = RandomAccess.Read(handle, _readBuffer.AsSpan(total), total);
            total += read;
            if (total < _readBuffer.Length)
            {
                return _readBuffer.AsSpan(0, total).ToArray();
            }
        }
    }

    /// <summary>One request as decoded, the handler's reply, the reply message and the status read back from it.</summary>
    internal sealed record Exchange(KvpRequest Request, KvpReply Reply, byte[] Encoded, HvStatus Status);
}
