// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Cli;
using KvpDaemon.Tests.Infrastructure;

namespace KvpDaemon.Tests.Cli;

public sealed class HvkvpSizeTests : IDisposable
{
    private readonly HvkvpHarness _hvkvp = new HvkvpHarness().WithPoolFiles();

    public void Dispose() => _hvkvp.Dispose();

    [Fact]
    public void Set_KeyOf511Bytes_IsStoredWithHostTruncationWarning()
    {
        var key = new string('k', 511);

        var result = _hvkvp.Run("set", key, "v");

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Error.Should().Be("hvkvp: warning: the key is 511 UTF-16 code units; Hyper-V hosts read at most 254 and will see it truncated.\n");
        PoolBytes.Parse(File.ReadAllBytes(_hvkvp.PoolPath(1))).Should().Equal((key, "v"));
    }

    [Fact]
    public void Set_KeyOf512Bytes_IsUsageErrorAndWritesNothing()
    {
        var result = _hvkvp.Run("set", new string('k', 512), "v");

        result.Should().Be(new CliResult(
            ExitCodes.Usage,
            string.Empty,
            "hvkvp: the key is 512 UTF-8 bytes; a KVP key holds at most 511 (the pool record's 512-byte field less its NUL).\n"));
        new FileInfo(_hvkvp.PoolPath(1)).Length.Should().Be(0);
    }

    [Fact]
    public void Set_MultibyteKeyOver511Bytes_CountsUtf8Bytes()
    {
        // 256 × U+00E9 is 256 UTF-16 units but 512 UTF-8 bytes: one too many for the record.
        var result = _hvkvp.Run("set", new string('é', 256), "v");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().StartWith("hvkvp: the key is 512 UTF-8 bytes");
    }

    [Fact]
    public void Set_ValueOf2047Bytes_IsStoredWithHostTruncationWarning()
    {
        var value = new string('v', 2047);

        var result = _hvkvp.Run("set", "k", value);

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Error.Should().Be("hvkvp: warning: the value is 2047 UTF-16 code units; Hyper-V hosts read at most 1022 and will see it truncated.\n");
        PoolBytes.Parse(File.ReadAllBytes(_hvkvp.PoolPath(1))).Should().Equal(("k", value));
    }

    [Fact]
    public void Set_ValueOf2048Bytes_IsUsageError()
    {
        var result = _hvkvp.Run("set", "k", new string('v', 2048));

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Be("hvkvp: the value is 2048 UTF-8 bytes; a KVP value holds at most 2047 (the pool record's 2048-byte field less its NUL).\n");
    }

    [Fact]
    public void Set_WithinHostLimits_WarnsNothing()
    {
        _hvkvp.Run("set", new string('k', 254), new string('v', 1022)).Should().Be(new CliResult(ExitCodes.Success, string.Empty, string.Empty));
    }

    [Theory]
    [InlineData("a\0b", "v", "key")]
    [InlineData("k", "v\0w", "value")]
    public void Set_Nul_IsRefused(string key, string value, string what)
    {
        var result = _hvkvp.Run("set", key, value);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Be($"hvkvp: the {what} contains a NUL character, which ends a KVP string; it cannot be stored whole.\n");
    }

    [Fact]
    public void Set_EmptyKey_IsUsageError()
    {
        var result = _hvkvp.Run("set", string.Empty, "v");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Be("hvkvp: the key is empty; a KVP key holds 1 to 511 UTF-8 bytes.\n");
    }

    [Fact]
    public void Get_KeyTooLongToExist_IsUsageError()
    {
        _hvkvp.Run("get", new string('k', 600)).ExitCode.Should().Be(ExitCodes.Usage);
    }
}
