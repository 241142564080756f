// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using KvpDaemon.Platform;
using KvpDaemon.Pools;
using KvpDaemon.Protocol;
using KvpDaemon.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace KvpDaemon.Tests.Pools;

public sealed class KvpPoolFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly KvpPoolStore _store;

    public KvpPoolFileTests()
    {
        _store = new KvpPoolStore(_directory.Path, KvpDialect.ForCurrentOperatingSystem(), NullLogger.Instance);
        _store.Open();
    }

    private KvpPoolFile Pool1 => _store[1];

    private byte[] FileBytes => File.ReadAllBytes(Pool1.Path);

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Open_EmptyDirectory_CreatesFiveEmptyFilesWithPlatformMode()
    {
        for (byte pool = 0; pool < 5; pool++)
        {
            var path = _directory.Combine($".kvp_pool_{pool}");
            new FileInfo(path).Length.Should().Be(0);
            File.GetUnixFileMode(path).Should().Be(KvpDialect.ForCurrentOperatingSystem().PoolFileMode);
        }
    }

    [Fact]
    public void Open_ExistingFile_NeverTruncatesIt()
    {
        using var directory = new TempDirectory();
        var existing = PoolBytes.Records(("a", "1"), ("b", "2"));
        File.WriteAllBytes(directory.Combine(".kvp_pool_0"), existing);
        using var store = new KvpPoolStore(directory.Path, KvpDialect.ForCurrentOperatingSystem(), NullLogger.Instance);

        store.Open();

        File.ReadAllBytes(directory.Combine(".kvp_pool_0")).Should().Equal(existing);
        store[0].ReadAll().Select(r => r.Key.ToString()).Should().Equal("a", "b");
    }

    [Fact]
    public void Set_NewKey_AppendsOneZeroPaddedRecord()
    {
        Pool1.Set("key", "value").Should().BeTrue();

        FileBytes.Should().Equal(PoolBytes.Record("key", "value"));
    }

    [Fact]
    public void Set_ExistingKey_RewritesItInPlaceWithoutStaleBytes()
    {
        Pool1.Set("a", "a long first value");
        Pool1.Set("b", "2");

        Pool1.Set("a", "short").Should().BeFalse();

        FileBytes.Should().Equal(PoolBytes.Records(("a", "short"), ("b", "2")));
    }

    [Fact]
    public void Delete_MiddleKey_KeepsOrderAndTruncates()
    {
        Pool1.Set("a", "1");
        Pool1.Set("b", "2");
        Pool1.Set("c", "3");

        Pool1.Delete("b").Should().BeTrue();

        FileBytes.Should().Equal(PoolBytes.Records(("a", "1"), ("c", "3")));
    }

    [Fact]
    public void Delete_MissingKey_ReturnsFalseAndChangesNothing()
    {
        Pool1.Set("a", "1");

        Pool1.Delete("zzz").Should().BeFalse();

        FileBytes.Should().Equal(PoolBytes.Record("a", "1"));
    }

    [Fact]
    public void TryGet_DuplicateKeysFromAnotherWriter_FirstWins()
    {
        File.WriteAllBytes(Pool1.Path, PoolBytes.Records(("dup", "first"), ("x", "y"), ("dup", "second")));

        Pool1.TryGet("dup", out var value).Should().BeTrue();

        value.ToString().Should().Be("first");
        Pool1.Count().Should().Be(3);
    }

    [Fact]
    public void ReadAll_RecordWithoutTerminators_CutsAtFieldEnd()
    {
        var record = new byte[2560];
        record.AsSpan().Fill((byte)'k');
        record.AsSpan(512).Fill((byte)'v');
        File.WriteAllBytes(Pool1.Path, record);

        var read = Pool1.ReadAll().Single();

        read.Key.Length.Should().Be(511);
        read.Value.Length.Should().Be(2047);
    }

    [Fact]
    public void ReadAll_PartialTrailingRecord_IsIgnoredAndKeptUntilTheNextWrite()
    {
        var bytes = PoolBytes.Records(("a", "1")).Concat(new byte[100]).ToArray();
        File.WriteAllBytes(Pool1.Path, bytes);

        Pool1.ReadAll().Should().ContainSingle();
        FileBytes.Should().Equal(bytes);

        Pool1.Set("b", "2");
        FileBytes.Should().Equal(PoolBytes.Records(("a", "1"), ("b", "2")));
    }

    [Fact]
    public void Operations_AfterExternalAppend_SeeTheNewRecord()
    {
        Pool1.Set("a", "1");
        Pool1.Count().Should().Be(1);

        using (var stream = new FileStream(Pool1.Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            stream.Write(PoolBytes.Record("cloud-init", "event"));
        }

        Pool1.TryGet("cloud-init", out var value).Should().BeTrue();
        value.ToString().Should().Be("event");
    }

    [Fact]
    public void Operations_FileDeletedUnderneath_RecreateItEmpty()
    {
        Pool1.Set("a", "1");
        File.Delete(Pool1.Path);

        Pool1.Count().Should().Be(0);
        Pool1.Set("b", "2");

        FileBytes.Should().Equal(PoolBytes.Record("b", "2"));
    }

    [Fact]
    public void Operations_FileReplacedUnderneath_ReadTheNewFile()
    {
        Pool1.Set("a", "1");
        var replacement = _directory.Combine("replacement");
        File.WriteAllBytes(replacement, PoolBytes.Record("new", "file"));
        File.Move(replacement, Pool1.Path, overwrite: true);

        Pool1.ReadAll().Select(r => r.Key.ToString()).Should().Equal("new");
    }

    [Fact]
    public void Operations_SameSizeRewriteByAnotherStore_AreSeen()
    {
        using var other = new KvpPoolStore(_directory.Path, KvpDialect.ForCurrentOperatingSystem(), NullLogger.Instance);
        Pool1.Set("a", "1");
        Pool1.TryGet("a", out _).Should().BeTrue();

        // Same size, likely the same clock tick: only the store's strictly increasing mtime reveals the change.
        other[1].Set("a", "2");

        Pool1.TryGet("a", out var value).Should().BeTrue();
        value.ToString().Should().Be("2");
    }

    [Fact]
    public void Open_HoldsNoFlock_SoACloudInitStyleAppenderIsNotBlocked()
    {
        Pool1.Set("a", "1");

        // flock -n fails at once (exit 1) if anyone holds a conflicting flock on the file.
        using var flock = Process.Start(new ProcessStartInfo("flock", ["-n", "-x", Pool1.Path, "true"]))!;
        flock.WaitForExit();

        flock.ExitCode.Should().Be(0);
    }

    [Fact]
    public void ReadOnlyStore_ReadsWithoutWritePermissionAndRefusesWrites()
    {
        Pool1.Set("a", "1");
        File.SetUnixFileMode(Pool1.Path, UnixFileMode.UserRead);
        using var reader = new KvpPoolStore(_directory.Path, KvpDialect.ForCurrentOperatingSystem(), NullLogger.Instance, readOnly: true);

        reader[1].ReadAll().Should().ContainSingle().Which.Key.ToString().Should().Be("a");
        reader[1].Invoking(pool => pool.Set("b", "2")).Should().Throw<InvalidOperationException>();
        reader[1].Invoking(pool => pool.Delete("a")).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void ReadOnlyStore_MissingFile_IsAnErrorAndNothingIsCreated()
    {
        using var directory = new TempDirectory();
        using var reader = new KvpPoolStore(directory.Path, KvpDialect.ForCurrentOperatingSystem(), NullLogger.Instance, readOnly: true);
        reader.Open();

        reader[0].Invoking(pool => pool.ReadAll()).Should().Throw<IOException>();
        Directory.GetFiles(directory.Path).Should().BeEmpty();
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(512, "")]
    [InlineData(1, "2048")]
    public void Set_KeyOrValueTooLong_Throws(int keyLength, string valueLength)
    {
        var key = keyLength == 0 ? KvpText.Empty : KvpText.FromString(new string('k', keyLength));
        var value = valueLength.Length == 0 ? KvpText.Empty : KvpText.FromString(new string('v', int.Parse(valueLength, System.Globalization.CultureInfo.InvariantCulture)));

        var act = () => Pool1.Set(key, value);

        act.Should().Throw<ArgumentException>();
        FileBytes.Should().BeEmpty();
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x00, 0x62 }, new byte[] { 0x76 })] // "a\0b": the file would say "a", the index "a\0b"
    [InlineData(new byte[] { 0x6B }, new byte[] { 0x76, 0x00, 0x77 })] // a value cut short in the file
    public void Set_BytesHoldingANul_ThrowsAndWritesNothing(byte[] key, byte[] value)
    {
        var act = () => Pool1.Set(key.AsSpan(), value.AsSpan());

        act.Should().Throw<ArgumentException>().WithMessage("A KVP key or value cannot contain a NUL byte.*");
        FileBytes.Should().BeEmpty();
    }
}
