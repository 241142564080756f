// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using BenchmarkDotNet.Attributes;
using KvpDaemon.Platform;
using KvpDaemon.Pools;
using KvpDaemon.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace KvpDaemon.Benchmarks;

/// <summary>
/// Pool-file operations at several file sizes, with the locks and change checks every request pays. The file lives in
/// the system temp directory.
/// </summary>
[MemoryDiagnoser]
public class PoolStoreBenchmarks
{
    private string _directory = string.Empty;
    private KvpPoolStore _store = null!;
    private KvpText[] _keys = [];
    private KvpText _value;
    private int _next;

    [Params(100, 10_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("kvpd-bench-").FullName;
        _store = new KvpPoolStore(_directory, KvpDialect.ForCurrentOperatingSystem(), NullLogger.Instance);
        _store.Open();
        _value = KvpText.FromString(new string('v', 100));
        _keys = Enumerable.Range(0, Records)
            .Select(i => KvpText.FromString("bench-key-" + i.ToString("D6", CultureInfo.InvariantCulture)))
            .ToArray();
        foreach (var key in _keys)
        {
            _store[0].Set(key, _value);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public bool SetExisting() => _store[0].Set(NextKey(), _value);

    [Benchmark]
    public bool Get() => _store[0].TryGet(NextKey(), out _);

    [Benchmark]
    public bool Enumerate() => _store[0].GetAt((uint)(_next++ % Records)) is not null;

    private KvpText NextKey() => _keys[_next++ % _keys.Length];
}
