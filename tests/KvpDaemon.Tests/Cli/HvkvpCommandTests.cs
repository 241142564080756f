// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Cli;
using KvpDaemon.Tests.Infrastructure;

namespace KvpDaemon.Tests.Cli;

public sealed class HvkvpCommandTests : IDisposable
{
    private readonly HvkvpHarness _hvkvp = new();

    public void Dispose() => _hvkvp.Dispose();

    [Fact]
    public void Set_DefaultPool_WritesOneRecordToPool1()
    {
        _hvkvp.WithPoolFiles();

        var result = _hvkvp.Run("set", "Status", "ready");

        result.Should().Be(new CliResult(ExitCodes.Success, string.Empty, string.Empty));
        PoolBytes.Parse(File.ReadAllBytes(_hvkvp.PoolPath(1))).Should().Equal(("Status", "ready"));
        File.ReadAllBytes(_hvkvp.PoolPath(1)).Should().HaveCount(2560);
    }

    [Fact]
    public void Set_ExistingKey_RewritesItInPlace()
    {
        _hvkvp.WithPoolFiles();
        File.WriteAllBytes(_hvkvp.PoolPath(1), PoolBytes.Records(("a", "1"), ("b", "2")));

        _hvkvp.Run("set", "a", "changed").ExitCode.Should().Be(ExitCodes.Success);

        PoolBytes.Parse(File.ReadAllBytes(_hvkvp.PoolPath(1))).Should().Equal(("a", "changed"), ("b", "2"));
    }

    [Fact]
    public void Set_MissingPoolFile_CreatesItWithTheDaemonsMode()
    {
        var result = _hvkvp.Run("set", "k", "v");

        result.ExitCode.Should().Be(ExitCodes.Success);
        File.GetUnixFileMode(_hvkvp.PoolPath(1)).Should().Be(_hvkvp.Dialect.PoolFileMode);
        File.Exists(_hvkvp.PoolPath(0)).Should().BeFalse("set touches only the pool it writes");
    }

    [Fact]
    public void Set_MissingPoolDirectory_FailsWithIoErrorAndCreatesNothing()
    {
        var missing = Path.Combine(_hvkvp.PoolDirectory, "absent");

        var result = _hvkvp.RunWithoutPoolDirectory("--pool-dir", missing, "set", "k", "v");

        result.ExitCode.Should().Be(ExitCodes.IoError);
        result.Error.Should().Be($"hvkvp: pool directory {missing} does not exist; hypervkvpd creates it when it starts " +
            "(is it installed and running?), or pass another directory with --pool-dir or HVKVP_POOL_DIR.\n");
        Directory.Exists(missing).Should().BeFalse();
    }

    [Fact]
    public void Get_KeyPushedByHost_PrintsRawValueFromPool0()
    {
        _hvkvp.WithPoolFiles();
        _hvkvp.Writer[0].Set("Config", "line1\nline2");

        var result = _hvkvp.Run("get", "Config");

        result.Should().Be(new CliResult(ExitCodes.Success, "line1\nline2\n", string.Empty));
    }

    [Fact]
    public void Get_Json_PrintsStableObject()
    {
        _hvkvp.WithPoolFiles();
        _hvkvp.Writer[1].Set("Name", "é \"q\" \\ \t");

        var result = _hvkvp.Run("get", "Name", "--pool", "guest", "--json");

        result.Output.Should().Be("{\"pool\":1,\"poolName\":\"guest\",\"key\":\"Name\",\"value\":\"é \\\"q\\\" \\\\ \\t\"}\n");
    }

    [Fact]
    public void Get_DuplicateKeys_PrintsTheFirstAsTheDaemonDoes()
    {
        _hvkvp.WithPoolFiles();
        File.WriteAllBytes(_hvkvp.PoolPath(1), PoolBytes.Records(("k", "first"), ("k", "second")));

        _hvkvp.Run("get", "-p", "1", "k").Output.Should().Be("first\n");
    }

    [Fact]
    public void Get_AbsentKey_ExitsNotFound()
    {
        _hvkvp.WithPoolFiles();

        var result = _hvkvp.Run("get", "nope");

        result.Should().Be(new CliResult(ExitCodes.NotFound, string.Empty, "hvkvp: no key 'nope' in pool 0 (external).\n"));
    }

    [Fact]
    public void Get_MissingPoolFile_FailsWithIoErrorAndCreatesNothing()
    {
        var result = _hvkvp.Run("get", "k");

        result.ExitCode.Should().Be(ExitCodes.IoError);
        result.Error.Should().Be($"hvkvp: pool file {_hvkvp.PoolPath(0)} does not exist; hypervkvpd creates the five pool files when it starts.\n");
        Directory.GetFileSystemEntries(_hvkvp.PoolDirectory).Should().BeEmpty();
    }

    [Fact]
    public void Get_MissingPoolDirectory_FailsWithIoErrorAndCreatesNothing()
    {
        var missing = Path.Combine(_hvkvp.PoolDirectory, "absent");

        var result = _hvkvp.RunWithoutPoolDirectory("--pool-dir", missing, "get", "k");

        result.ExitCode.Should().Be(ExitCodes.IoError);
        result.Error.Should().StartWith($"hvkvp: pool directory {missing} does not exist");
        Directory.Exists(missing).Should().BeFalse();
    }

    [Fact]
    public void Get_PoolDirectoryFromEnvironment_IsUsedWithoutOption()
    {
        _hvkvp.WithPoolFiles();
        _hvkvp.Writer[0].Set("k", "from env");
        _hvkvp.Environment["HVKVP_POOL_DIR"] = _hvkvp.PoolDirectory;

        _hvkvp.RunWithoutPoolDirectory("get", "k").Output.Should().Be("from env\n");
    }

    [Fact]
    public void Get_PoolDirectoryOption_WinsOverEnvironment()
    {
        _hvkvp.WithPoolFiles();
        _hvkvp.Writer[0].Set("k", "v");
        _hvkvp.Environment["HVKVP_POOL_DIR"] = Path.Combine(_hvkvp.PoolDirectory, "absent");

        _hvkvp.Run("get", "k").ExitCode.Should().Be(ExitCodes.Success);
    }

    [Fact]
    public void Delete_ExistingKey_RemovesItAndKeepsOrder()
    {
        _hvkvp.WithPoolFiles();
        File.WriteAllBytes(_hvkvp.PoolPath(1), PoolBytes.Records(("a", "1"), ("b", "2"), ("c", "3")));

        _hvkvp.Run("delete", "b").Should().Be(new CliResult(ExitCodes.Success, string.Empty, string.Empty));

        PoolBytes.Parse(File.ReadAllBytes(_hvkvp.PoolPath(1))).Should().Equal(("a", "1"), ("c", "3"));
    }

    [Fact]
    public void Delete_AbsentKey_ExitsNotFound()
    {
        _hvkvp.WithPoolFiles();

        var result = _hvkvp.Run("delete", "nope");

        result.Should().Be(new CliResult(ExitCodes.NotFound, string.Empty, "hvkvp: no key 'nope' in pool 1 (guest).\n"));
    }

    [Fact]
    public void Delete_MissingPoolFile_FailsWithIoErrorAndCreatesNothing()
    {
        _hvkvp.Run("delete", "k").ExitCode.Should().Be(ExitCodes.IoError);

        File.Exists(_hvkvp.PoolPath(1)).Should().BeFalse();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("external")]
    [InlineData("3")]
    [InlineData("host")]
    [InlineData("parameters")]
    [InlineData("internal")]
    public void Set_HostPoolWithoutFlag_IsUsageErrorAndWritesNothing(string pool)
    {
        _hvkvp.WithPoolFiles();

        var result = _hvkvp.Run("set", "--pool", pool, "k", "v");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().EndWith("Pass --host-pool to write it anyway.\n");
        Enumerable.Range(0, 5).Should().OnlyContain(p => new FileInfo(_hvkvp.PoolPath((byte)p)).Length == 0);
    }

    [Theory]
    [InlineData("external", 0)]
    [InlineData("host", 3)]
    [InlineData("4", 4)]
    public void Set_HostPoolWithFlag_WritesThatPool(string pool, byte number)
    {
        _hvkvp.WithPoolFiles();

        _hvkvp.Run("set", "--host-pool", "--pool", pool, "k", "v").ExitCode.Should().Be(ExitCodes.Success);

        PoolBytes.Parse(File.ReadAllBytes(_hvkvp.PoolPath(number))).Should().Equal(("k", "v"));
    }

    [Fact]
    public void Delete_HostPoolWithoutFlag_IsUsageError()
    {
        _hvkvp.WithPoolFiles();
        _hvkvp.Writer[0].Set("k", "v");

        _hvkvp.Run("delete", "-p", "0", "k").ExitCode.Should().Be(ExitCodes.Usage);
        _hvkvp.Run("delete", "-p", "0", "--host-pool", "k").ExitCode.Should().Be(ExitCodes.Success);
    }

    [Theory]
    [InlineData("set", "--pool", "auto", "--host-pool", "k", "v")]
    [InlineData("delete", "--pool", "2", "--host-pool", "k")]
    public void Write_IntrinsicPool_IsNeverAllowed(params string[] args)
    {
        _hvkvp.WithPoolFiles();

        var result = _hvkvp.Run(args);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().StartWith("hvkvp: pool 2 (intrinsic) is never writable");
        new FileInfo(_hvkvp.PoolPath(2)).Length.Should().Be(0);
    }

    [Theory]
    [InlineData("list", "--pool", "intrinsic")]
    [InlineData("get", "-p", "2", "k")]
    [InlineData("wait", "-p", "intrinsic", "k")]
    [InlineData("watch", "-p", "auto")]
    public void Read_IntrinsicPool_ExplainsItIsSynthesizedAndExitsUsage(params string[] args)
    {
        _hvkvp.WithPoolFiles();

        var result = _hvkvp.Run(args);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Output.Should().BeEmpty();
        result.Error.Should().StartWith("hvkvp: pool 2 (intrinsic) is not stored in a file: hypervkvpd synthesizes");
    }

    [Fact]
    public void List_UnknownPool_IsUsageError()
    {
        var result = _hvkvp.Run("list", "--pool", "5");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Be("hvkvp: Unknown pool '5'; pools are external|guest|intrinsic|parameters|host|internal|0-4.\nTry 'hvkvp --help'.\n");
    }

    [Fact]
    public void List_OnePoolJson_MatchesGolden()
    {
        _hvkvp.WithPoolFiles();
        _hvkvp.Writer[1].Set("a", "1");
        _hvkvp.Writer[1].Set("b", "");

        var result = _hvkvp.Run("list", "--pool", "guest", "--json");

        result.Should().Be(new CliResult(
            ExitCodes.Success,
            "{\"pool\":1,\"poolName\":\"guest\",\"items\":[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\",\"value\":\"\"}]}\n",
            string.Empty));
    }

    [Fact]
    public void List_AllPoolsJson_IsAnArrayOfStoredPools()
    {
        _hvkvp.WithPoolFiles();
        _hvkvp.Writer[0].Set("x", "0");
        _hvkvp.Writer[3].Set("HostName", "HV01");

        var result = _hvkvp.Run("list", "--json");

        result.Output.Should().Be(
            "[{\"pool\":0,\"poolName\":\"external\",\"items\":[{\"key\":\"x\",\"value\":\"0\"}]}," +
            "{\"pool\":1,\"poolName\":\"guest\",\"items\":[]}," +
            "{\"pool\":3,\"poolName\":\"parameters\",\"items\":[{\"key\":\"HostName\",\"value\":\"HV01\"}]}," +
            "{\"pool\":4,\"poolName\":\"internal\",\"items\":[]}]\n");
    }

    [Fact]
    public void List_AllPoolsText_IsAlignedTableWithEscapedControlCharacters()
    {
        _hvkvp.WithPoolFiles();
        _hvkvp.Writer[0].Set("Config", "a\nb");
        _hvkvp.Writer[1].Set("LongerKey", "x");

        var result = _hvkvp.Run("list");

        result.Output.Should().Be(
            "POOL      KEY        VALUE\n" +
            "external  Config     a\\nb\n" +
            "guest     LongerKey  x\n");
    }

    [Fact]
    public void List_EmptyPools_PrintsNothing()
    {
        _hvkvp.WithPoolFiles();

        _hvkvp.Run("list").Should().Be(new CliResult(ExitCodes.Success, string.Empty, string.Empty));
    }

    [Fact]
    public void List_MissingPoolFiles_FailsWithIoError()
    {
        var result = _hvkvp.Run("list");

        result.ExitCode.Should().Be(ExitCodes.IoError);
        result.Error.Should().Contain(".kvp_pool_0 does not exist");
    }

    [Fact]
    public void Params_Text_ShowsPool3AsKeyValueTable()
    {
        _hvkvp.WithPoolFiles();
        _hvkvp.Writer[3].Set("HostName", "HV01");
        _hvkvp.Writer[3].Set("VirtualMachineName", "web-1");

        var result = _hvkvp.Run("params");

        result.Output.Should().Be(
            "KEY                 VALUE\n" +
            "HostName            HV01\n" +
            "VirtualMachineName  web-1\n");
    }

    [Fact]
    public void Params_Json_MatchesGolden()
    {
        _hvkvp.WithPoolFiles();
        _hvkvp.Writer[3].Set("HostName", "HV01");

        _hvkvp.Run("params", "--json").Output.Should().Be(
            "{\"pool\":3,\"poolName\":\"parameters\",\"items\":[{\"key\":\"HostName\",\"value\":\"HV01\"}]}\n");
    }

    [Fact]
    public void Set_ValueStartingWithDashOrAt_IsStoredAsGiven()
    {
        _hvkvp.WithPoolFiles();

        _hvkvp.Run("set", "a", "-5").ExitCode.Should().Be(ExitCodes.Success);
        _hvkvp.Run("set", "b", "@file").ExitCode.Should().Be(ExitCodes.Success);

        PoolBytes.Parse(File.ReadAllBytes(_hvkvp.PoolPath(1))).Should().Equal(("a", "-5"), ("b", "@file"));
    }

    [Fact]
    public void Help_ListsExitStatuses()
    {
        var result = _hvkvp.Run("--help");

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Output.Should().Contain("Exit status:").And.Contain("4    wait: the key did not appear before --timeout");
    }

    [Fact]
    public void Help_OfCommandWithMissingArgument_StillPrintsHelp()
    {
        var result = _hvkvp.Run("get", "--help");

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Output.Should().Contain("hvkvp get <KEY> [options]");
    }

    [Fact]
    public void Run_UnknownCommand_IsUsageError()
    {
        var result = _hvkvp.Run("frobnicate");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().EndWith("Try 'hvkvp --help'.\n");
    }
}
