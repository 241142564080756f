// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Reflection;
using KvpDaemon.Hosting;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.IpConfig;
using KvpDaemon.Network;

namespace KvpDaemon.IntegrationTests.FirstHour;

/// <summary>
/// Issue 14, items 1 to 5: each start-up mistake fed to the real hypervkvpd gives one line on standard error and the
/// documented status (hypervkvpd(8): 2 for configuration or usage, 1 for a fatal runtime error), and no stack trace
/// or resource key. The daemon would otherwise wait for a device: every case here fails before that.
/// </summary>
public sealed class DaemonStartupErrorTests : IDisposable
{
    private const string Daemon = "hypervkvpd";
    private readonly TempPoolDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Item1_ABooleanSettingThatIsNotABoolean_IsOneLineAndExit2()
    {
        var config = WriteConfig("bad.json", """{"IpConfig":{"DryRun":"perhaps"}}""");

        var result = await RunDaemonAsync("--config", config);

        result.ShouldBeOneLine(2, "hypervkvpd: invalid configuration: IpConfig:DryRun: 'perhaps' is not valid here; use true or false.");
        result.ErrorLines.Should().HaveCount(1);
    }

    /// <summary>Every setting that is not a string, found by reflection, given a value of the wrong type.</summary>
    [Theory]
    [MemberData(nameof(TypedSettings))]
    public async Task EveryTypedSetting_WithAWrongValue_IsOneLineNamingItAndExit2(string path)
    {
        var json = path.Split(':') switch
        {
            [var key] => $$"""{"{{key}}":"perhaps"}""",
            [var section, var key] => $$$"""{"{{{section}}}":{"{{{key}}}":"perhaps"}}""",
            _ => throw new InvalidOperationException(path),
        };
        var config = WriteConfig("typed.json", json);

        var result = await RunDaemonAsync("--config", config);

        result.ExitCode.Should().Be(2, result.Error);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"hypervkvpd: invalid configuration: {path}");
        result.ShouldShowNoInternals();
    }

    public static TheoryData<string> TypedSettings()
    {
        var data = new TheoryData<string>();
        foreach (var (section, type) in new[]
        {
            (string.Empty, typeof(KvpDaemonOptions)),
            ("Network", typeof(NetworkOptions)),
            ("IpConfig", typeof(IpConfigOptions)),
        })
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                // Strings take any text (their validators are tested on their own); collections take any shape.
                var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (property.CanWrite && valueType.IsValueType)
                {
                    data.Add(section.Length == 0 ? property.Name : $"{section}:{property.Name}");
                }
            }
        }

        return data;
    }

    [Fact]
    public async Task Item2_APoolDirectoryTheDaemonCannotCreate_IsOneLineAndExit1()
    {
        var result = await DaemonCommand.RunAsync("--pool-dir", "/proc/forbidden", "--device", "unix:" + Path.Combine(_directory.Path, "no.sock"));

        // The reason in parentheses is the system's, and differs between root and other users.
        var converted = new ProgramRun.Result(result.ExitCode, result.Output, result.Error);
        converted.ExitCode.Should().Be(1, converted.Error);
        converted.ErrorLines.Should().ContainSingle().Which.Should()
            .StartWith("hypervkvpd: cannot create or write the pool files in /proc/forbidden (")
            .And.EndWith("); give PoolDirectory (--pool-dir) a directory the daemon may create and write.");
        converted.ShouldShowNoInternals();
    }

    [Fact]
    public async Task PoolDirectoryWritableByOthers_IsOneLineAndExit2()
    {
        // Issue 12: whoever can write the pool directory can replace the pool files, so the daemon does not start.
        var pools = Path.Combine(_directory.Path, "open-to-all");
        Directory.CreateDirectory(pools);
        File.SetUnixFileMode(pools, (UnixFileMode)0x1FF);

        var result = await DaemonCommand.RunAsync("--pool-dir", pools, "--device", "unix:" + Path.Combine(_directory.Path, "no.sock"));

        var converted = new ProgramRun.Result(result.ExitCode, result.Output, result.Error);
        converted.ExitCode.Should().Be(2, converted.Error);
        converted.ErrorLines.Should().ContainSingle().Which.Should()
            .StartWith($"hypervkvpd: refused pool directory {pools}: ").And.EndWith("; not starting.");
        converted.ShouldShowNoInternals();
    }

    [Fact]
    public async Task Item14_NoKvpDevice_ExplainsTheExitAndHowToTryTheDaemon()
    {
        var result = await ProgramRun.RunAsync(
            Daemon, "-d", "--pool-dir", _directory.Path, "--device", Path.Combine(_directory.Path, "no-such-device"));

        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().Contain(
            "does not exist: this is not a Hyper-V guest with the KVP driver loaded; nothing to do " +
            "(to try the daemon without Hyper-V, run hvkvp-sim and give --device unix:SOCKET)");
        result.ShouldShowNoInternals();
    }

    [Fact]
    public async Task Item3_TruncatedJson_IsOneLineNamingTheFileAndExit2()
    {
        var config = WriteConfig("truncated.json", """{"IpConfig":""");

        var result = await RunDaemonAsync("--config", config);

        result.ExitCode.Should().Be(2);
        result.ErrorLines.Should().ContainSingle().Which.Should()
            .StartWith($"hypervkvpd: --config {config}: not valid JSON (").And.EndWith("; fix the file.");
        result.ShouldShowNoInternals();
    }

    [Fact]
    public async Task Item3_AMissingConfigFile_IsOneLineAndExit2()
    {
        var result = await RunDaemonAsync("--config", "/nonexistent.json");

        result.ShouldBeOneLine(2, "hypervkvpd: --config /nonexistent.json: no such file; name an existing JSON file, or leave --config out.");
        result.ErrorLines.Should().HaveCount(1);
    }

    [Fact]
    public async Task Item4_ARelativeConfig_IsReadFromTheCurrentDirectory()
    {
        WriteConfig("relative.json", """{"Abi":"vax"}""");
        var startInfo = ProgramRun.StartInfo(Daemon, ["--config", "relative.json", "--pool-dir", _directory.Path]);
        startInfo.WorkingDirectory = _directory.Path;

        var result = await ProgramRun.RunAsync(startInfo);

        // The file's own bad value is reported: it was found in the current directory, not beside the executable.
        result.ShouldBeOneLine(2, "hypervkvpd: invalid configuration: Abi: 'vax' is not one of linux, freebsd.");
    }

    [Fact]
    public async Task Item5_ABadLogLevel_IsOneLineBeforeAnythingIsLogged()
    {
        var startInfo = ProgramRun.StartInfo(
            Daemon,
            ["--pool-dir", _directory.Path, "--device", "unix:" + Path.Combine(_directory.Path, "no.sock")],
            new Dictionary<string, string> { ["HYPERVKVPD_LogLevel"] = "Chatty" });

        var result = await ProgramRun.RunAsync(startInfo);

        result.ShouldBeOneLine(
            2,
            "hypervkvpd: invalid configuration: LogLevel: 'Chatty' is not one of Trace, Debug, Information, Warning, Error, Critical, None.");
        result.ErrorLines.Should().HaveCount(1);
        result.Output.Should().BeEmpty("nothing is logged before the configuration is known to be good");
    }

    private Task<ProgramRun.Result> RunDaemonAsync(params string[] arguments) =>
        ProgramRun.RunAsync(Daemon, [.. arguments, "--pool-dir", _directory.Path, "--device", "unix:" + Path.Combine(_directory.Path, "no.sock")]);

    private string WriteConfig(string name, string json)
    {
        var path = Path.Combine(_directory.Path, name);
        File.WriteAllText(path, json);
        return path;
    }
}
