// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Platform;
using KvpDaemon.Pools;
using KvpDaemon.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace KvpDaemon.Tests.Hardening;

/// <summary>
/// Pool files are opened with O_NOFOLLOW and checked with fstat: a symbolic link, a hard link, a special file or
/// another user's file is refused, never written through; the pool directory is checked the same way.
/// </summary>
public sealed class PoolFileSafetyTests : IDisposable
{
    private static readonly byte[] TargetBytes = "precious content\n"u8.ToArray();

    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _elsewhere = new();
    private readonly KvpDialect _dialect = KvpDialect.ForCurrentOperatingSystem();

    public void Dispose()
    {
        _directory.Dispose();
        _elsewhere.Dispose();
    }

    private string Target => _elsewhere.Combine("target");

    private string Pool1 => _directory.Combine(".kvp_pool_1");

    [Fact]
    public void Set_PoolFileIsASymbolicLink_IsRefusedAndTheTargetIsUntouched()
    {
        File.WriteAllBytes(Target, TargetBytes);
        File.CreateSymbolicLink(Pool1, Target);
        using var store = OpenStore();

        var set = () => store[1].Set("k", "v");

        set.Should().Throw<PoolFileRefusedException>().WithMessage($"refused pool 1 file {Pool1}: it is a symbolic link*");
        File.ReadAllBytes(Target).Should().Equal(TargetBytes);
    }

    [Fact]
    public void Set_DanglingSymbolicLink_IsRefusedAndNothingIsCreated()
    {
        File.CreateSymbolicLink(Pool1, Target);
        using var store = OpenStore();

        var set = () => store[1].Set("k", "v");

        set.Should().Throw<PoolFileRefusedException>();
        File.Exists(Target).Should().BeFalse();
    }

    [Fact]
    public void Set_PoolFileIsAHardLink_IsRefusedAndTheTargetIsUntouched()
    {
        File.WriteAllBytes(Target, TargetBytes);
        FileCommands.HardLink(Target, Pool1);
        using var store = OpenStore();

        var set = () => store[1].Set("k", "v");
        var delete = () => store[1].Delete("k");

        set.Should().Throw<PoolFileRefusedException>().WithMessage("*it has 2 hard links*");
        delete.Should().Throw<PoolFileRefusedException>();
        File.ReadAllBytes(Target).Should().Equal(TargetBytes);
    }

    [Fact]
    public void Set_LinkPlantedAfterOpen_IsRefusedAtTheNextOperation()
    {
        using var store = OpenStore();
        store[1].Set("a", "1");
        File.WriteAllBytes(Target, TargetBytes);
        File.Delete(Pool1);
        File.CreateSymbolicLink(Pool1, Target);

        var set = () => store[1].Set("b", "2");

        set.Should().Throw<PoolFileRefusedException>();
        File.ReadAllBytes(Target).Should().Equal(TargetBytes);
    }

    [Fact]
    public void Read_ReadOnlyStoreOnASymbolicLink_IsRefused()
    {
        File.WriteAllBytes(Target, new byte[2560]);
        Directory.CreateDirectory(_directory.Path);
        File.CreateSymbolicLink(Pool1, Target);
        using var reader = new KvpPoolStore(_directory.Path, _dialect, NullLogger.Instance, readOnly: true, trustRoot: true);

        var read = () => reader[1].ReadAll();

        read.Should().Throw<PoolFileRefusedException>();
    }

    [Fact]
    public void Open_OneRefusedPoolFile_OpensTheOthers()
    {
        File.WriteAllBytes(Target, TargetBytes);
        File.CreateSymbolicLink(Pool1, Target);
        using var store = OpenStore();

        store[0].Set("k", "v").Should().BeTrue();
        File.ReadAllBytes(Target).Should().Equal(TargetBytes);
    }

    [RootFact]
    public void Set_PoolFileOwnedByAnotherUser_IsRefused()
    {
        using (OpenStore())
        {
        }

        FileCommands.Chown(Pool1, 65534);
        using var store = OpenStore();

        var set = () => store[1].Set("k", "v");

        set.Should().Throw<PoolFileRefusedException>().WithMessage("*owned by user 65534, not 0*");
    }

    [Fact]
    public void Open_MissingDirectory_IsCreatedWithExactlyTheDialectsMode()
    {
        var pools = _directory.Combine("pools");
        using var store = new KvpPoolStore(pools, _dialect, NullLogger.Instance);

        store.Open();

        File.GetUnixFileMode(pools).Should().Be(_dialect.PoolDirectoryMode);
    }

    [Fact]
    public void Open_DirectoryWritableByOthers_IsRefused()
    {
        File.SetUnixFileMode(_directory.Path, (UnixFileMode)0b111_111_111);
        using var store = new KvpPoolStore(_directory.Path, _dialect, NullLogger.Instance);

        var open = store.Open;

        open.Should().Throw<PoolFileRefusedException>().WithMessage("*lets group or others write it*");
        File.Exists(Pool1).Should().BeFalse();
    }

    [Fact]
    public void Open_DirectoryIsASymbolicLink_IsRefused()
    {
        var link = _directory.Combine("link");
        File.CreateSymbolicLink(link, _elsewhere.Path);
        using var store = new KvpPoolStore(link, _dialect, NullLogger.Instance);

        var open = store.Open;

        open.Should().Throw<PoolFileRefusedException>().WithMessage("*it is a symbolic link, not a directory*");
    }

    [RootFact]
    public void Open_DirectoryOwnedByAnotherUser_IsRefused()
    {
        FileCommands.Chown(_directory.Path, 65534);
        using var store = new KvpPoolStore(_directory.Path, _dialect, NullLogger.Instance);

        var open = store.Open;

        open.Should().Throw<PoolFileRefusedException>().WithMessage("*owned by user 65534*");
    }

    private KvpPoolStore OpenStore()
    {
        var store = new KvpPoolStore(_directory.Path, _dialect, NullLogger.Instance);
        store.Open();
        return store;
    }
}
