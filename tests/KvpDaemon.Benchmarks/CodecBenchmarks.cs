// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using BenchmarkDotNet.Attributes;
using KvpDaemon.Protocol;

namespace KvpDaemon.Benchmarks;

/// <summary>Decoding a request and encoding its reply: the daemon's per-message protocol work.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly byte[] _set = new byte[KvpAbi.Linux.MessageSize];
    private readonly byte[] _enumerate = new byte[KvpAbi.Linux.MessageSize];
    private readonly byte[] _reply = new byte[KvpAbi.Linux.MessageSize];
    private readonly KvpEnumerateReply _enumerateReply = new("CLOUD_INIT|1700000000|event|init-local|0b5d", new string('v', 200));

    [GlobalSetup]
    public void Setup()
    {
        KvpCodec.EncodeRequest(KvpAbi.Linux, new KvpSetRequest(1, "bench-key-000042", new string('v', 100)), _set);
        KvpCodec.EncodeRequest(KvpAbi.Linux, new KvpEnumerateRequest(1, 42), _enumerate);
    }

    [Benchmark]
    public object DecodeSet() => KvpCodec.DecodeRequest(KvpAbi.Linux, _set);

    [Benchmark]
    public object DecodeEnumerate() => KvpCodec.DecodeRequest(KvpAbi.Linux, _enumerate);

    [Benchmark]
    public void EncodeEnumerateReply() => KvpCodec.EncodeReply(KvpAbi.Linux, _enumerateReply, _reply);

    [Benchmark]
    public void EncodeStatusReply() => KvpCodec.EncodeReply(KvpAbi.Linux, KvpStatusReply.Ok, _reply);
}
