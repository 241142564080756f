// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests.Hosting;

/// <summary>SIGHUP against the real daemon process: what a reload applies, and that a bad file changes nothing.</summary>
public sealed class ConfigurationReloadTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kvpd-config-").FullName;

    private string ConfigFile => Path.Combine(_directory, "hypervkvpd.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Sighup_LogLevelDebugInNewFile_DebugMessagesAreLoggedAfterwards()
    {
        File.WriteAllText(ConfigFile, """{ "LogLevel": "Information" }""");
        await using var session = await StartAsync();
        await session.SendAsync(new KvpSetRequest(1, "before-reload", "x"));

        File.WriteAllText(ConfigFile, """{ "LogLevel": "Debug", "Network": { "UseHelperScripts": true } }""");
        SendSighup(session);
        var reloaded = await session.WaitForLineAsync(line => line.Contains("Configuration reloaded", StringComparison.Ordinal));
        var restart = await session.WaitForLineAsync(line => line.Contains("restart to apply", StringComparison.Ordinal));
        await session.SendAsync(new KvpSetRequest(1, "after-reload", "x"));
        var debug = await session.WaitForLineAsync(line => line.Contains("[DBG]", StringComparison.Ordinal) && line.Contains("after-reload", StringComparison.Ordinal));

        reloaded.Should().Contain("LogLevel: Information -> Debug");
        restart.Should().Contain("[WRN]").And.Contain("Network:UseHelperScripts");
        debug.Should().Contain("Pool 1");
        session.Count(line => line.Contains("before-reload", StringComparison.Ordinal)).Should().Be(0, "debug messages were off before the reload");
    }

    [Fact]
    public async Task Sighup_BadFiles_KeepTheDaemonServingAndLogErrorsNamingTheSetting()
    {
        File.WriteAllText(ConfigFile, """{ "LogLevel": "Information" }""");
        await using var session = await StartAsync();
        static bool IsFailure(string line) => line.Contains("Configuration reload failed", StringComparison.Ordinal);

        File.WriteAllText(ConfigFile, """{ "LogLevel": """);
        SendSighup(session);
        var unparsable = await session.WaitForLineAsync(IsFailure);

        File.WriteAllText(ConfigFile, """{ "LogLevel": "Loud", "IpConfig": { "DryRun": "perhaps" } }""");
        SendSighup(session);
        var invalid = await session.WaitForLineAsync(IsFailure, already: 1);

        File.Delete(ConfigFile);
        SendSighup(session);
        var missing = await session.WaitForLineAsync(IsFailure, already: 2);

        unparsable.Should().Contain("[ERR]").And.Contain(ConfigFile);
        invalid.Should().Contain("LogLevel: 'Loud'").And.Contain("IpConfig:DryRun");
        missing.Should().Contain(ConfigFile).And.Contain("does not exist");
        (await session.SendAsync(new KvpSetRequest(1, "still", "serving"))).Should().Be(KvpStatusReply.Ok);
        (await session.SendAsync(new KvpGetRequest(1, "still"))).Should().Be(new KvpGetReply("serving"));
        session.Daemon.HasExited.Should().BeFalse();
        session.Count(line => line.Contains("[DBG]", StringComparison.Ordinal)).Should().Be(0, "the level stayed Information");
    }

    private static void SendSighup(DaemonSession session) =>
        Interop.Libc.Kill(session.Daemon.Pid, Interop.Libc.SIGHUP).Should().Be(0);

    private Task<DaemonSession> StartAsync() => DaemonSession.StartAsync(
        Sessions.Abi("linux"),
        new DaemonProcessOptions { Debug = false, ExtraArguments = ["--config", ConfigFile] },
        Sessions.RegistrationTimeout,
        CancellationToken.None);
}
