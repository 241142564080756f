// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using KvpDaemon.IpConfig;
using KvpDaemon.Protocol;
using KvpDaemon.Tests.Infrastructure;

namespace KvpDaemon.Tests.IpConfig;

/// <summary>Applying a plan: rollback on failure, dry run, the adapter map, and the hard timeout of a real script.</summary>
public sealed class SetIpInfoHandlerApplyTests : IDisposable
{
    private const string KeyfilePath = "/etc/NetworkManager/system-connections/hyperv-eth0.nmconnection";
    private readonly IpConfigTestSystem _system = new();

    public void Dispose() => _system.Dispose();

    [Fact]
    public async Task ApplyAsync_LoadFails_RestoresPreviousFileReloadsAndReactivatesTheOldProfile()
    {
        _system.Options.Backend = IpConfigBackendNames.NetworkManager;
        var keyfile = _system.UnderRoot(KeyfilePath);
        Directory.CreateDirectory(Path.GetDirectoryName(keyfile)!);
        File.WriteAllText(keyfile, "previous\n");
        File.SetUnixFileMode(keyfile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string? duringLoad = null;
        _system.Runner.FailAt.Add(2);
        _system.Runner.OnRun = command => duringLoad ??= command.Contains("load") ? File.ReadAllText(keyfile) : null;
        var uuid = KvpDaemon.IpConfig.Backends.NetworkManagerBackend.ConnectionUuid("eth0");

        var status = await _system.ApplyAsync(IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0"));

        status.Should().Be(HvStatus.HV_E_FAIL);
        duringLoad.Should().Contain("address1=192.168.1.10/24", "the new file was in place when it was loaded");
        File.ReadAllText(keyfile).Should().Be("previous\n");
        File.GetUnixFileMode(keyfile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _system.Runner.Commands.Select(c => string.Join(' ', c)).Should().Equal(
            $"nmcli connection delete uuid {uuid}",
            $"nmcli connection load {keyfile}",
            "nmcli connection reload",
            $"nmcli connection up uuid {uuid}");
    }

    [Fact]
    public async Task ApplyAsync_SecondCommandFails_RemovesFilesAndDirectoriesItCreated()
    {
        _system.Runner.FailAt.Add(2);

        var status = await _system.ApplyAsync(IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0"));

        status.Should().Be(HvStatus.HV_E_FAIL);
        _system.FilesUnderRoot().Should().BeEmpty();
        Directory.Exists(_system.UnderRoot("/etc")).Should().BeFalse();
    }

    [Fact]
    public async Task ApplyAsync_Success_WritesFileWithModeAndRunsCommands()
    {
        _system.Options.Backend = IpConfigBackendNames.Netplan;

        var status = await _system.ApplyAsync(IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0"));

        status.Should().Be(HvStatus.HV_S_OK);
        var path = _system.UnderRoot("/etc/netplan/90-hyperv-eth0.yaml");
        File.ReadAllText(path).Should().Contain("- \"192.168.1.10/24\"");
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _system.Runner.Commands.Select(c => string.Join(' ', c)).Should().Equal("netplan apply");
        _system.FilesUnderRoot().Should().Equal(Path.Combine("etc", "netplan", "90-hyperv-eth0.yaml"));
    }

    [Fact]
    public async Task ApplyAsync_DryRun_WritesOnlyUnderStateDirectoryAndRunsNothing()
    {
        _system.Options.Backend = IpConfigBackendNames.NetworkManager;
        _system.Options.DryRun = true;

        var status = await _system.ApplyAsync(IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0", "192.168.1.1"));

        status.Should().Be(HvStatus.HV_S_OK);
        _system.Runner.Commands.Should().BeEmpty();
        var files = _system.FilesUnderRoot();
        files.Should().HaveCount(2).And.OnlyContain(f => f.StartsWith(Path.Combine("var", "lib", "hypervkvpd", "dry-run") + "/", StringComparison.Ordinal));
        var commands = File.ReadAllText(_system.UnderRoot("/" + files.Single(f => f.EndsWith("commands.txt", StringComparison.Ordinal))));
        commands.Should().Contain($"nmcli connection load {KeyfilePath}\n").And.Contain($"# write {KeyfilePath} mode 0600\n");
        files.Should().Contain(f => f.EndsWith("files" + KeyfilePath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_AdapterMap_MapsGuidWithoutSysfs()
    {
        _system.Options.AdapterMap["{0F0F0F0F-1111-4222-8333-444455556666}"] = "eth9";

        var status = await _system.ApplyAsync(IpConfigTestSystem.Request(
            "192.168.1.10", "255.255.255.0", adapter: "0f0f0f0f-1111-4222-8333-444455556666"));

        status.Should().Be(HvStatus.HV_S_OK);
        _system.Runner.Commands.Should().ContainEquivalentOf(new[] { "networkctl", "reconfigure", "eth9" });
    }

    [Fact]
    public async Task ApplyAsync_FreeBsdInterfaceName_IsAccepted()
    {
        using var system = new IpConfigTestSystem("hn0");
        system.Options.Backend = IpConfigBackendNames.FreeBsd;

        var reply = await system.Handler(platform: IpConfigPlatform.FreeBsd)
            .ApplyAsync(IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0", adapter: "hn0"), CancellationToken.None);

        reply.Status.Should().Be(HvStatus.HV_S_OK);
        system.Runner.Commands.First().Should().Equal("sysrc", "ifconfig_hn0=inet 192.168.1.10 netmask 255.255.255.0");
    }

    [Fact]
    public async Task ApplyAsync_ScriptOverrunsTimeout_IsKilledAndAnswersFailInTime()
    {
        using var scratch = new TempDirectory();
        var pidFile = scratch.Combine("pid");
        var script = scratch.Combine("hv_set_ifconfig");
        // The pid file appears whole (rename), so a kill between its creation and the write cannot leave it empty.
        File.WriteAllText(script, $"#!/bin/sh\nsh -c 'echo $$ > {pidFile}.new && mv {pidFile}.new {pidFile}; exec sleep 30' &\nwait\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _system.Options.Backend = IpConfigBackendNames.Script;
        _system.Options.SetIfconfigScript = script;
        // Long enough for two fork/execs of sh on a loaded machine, which the pid-file check below needs.
        _system.Options.CommandTimeout = TimeSpan.FromSeconds(3);
        _system.Options.TotalBudget = TimeSpan.FromSeconds(20);
        var stopwatch = Stopwatch.StartNew();

        var status = await _system.ApplyAsync(IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0"), new ProcessCommandRunner());

        stopwatch.Stop();
        status.Should().Be(HvStatus.HV_E_FAIL);
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "the kill follows the timeout, not the script's 30 s sleep");
        File.Exists(pidFile).Should().BeTrue("the script's child started before the timeout");
        var sleeper = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        IsAlive(sleeper).Should().BeFalse("the whole process tree is killed");
        _system.FilesUnderRoot().Should().BeEmpty("the script's data files are rolled back");
    }

    [Fact]
    public async Task ApplyAsync_ScriptSucceeds_ReceivesBothFilePaths()
    {
        using var scratch = new TempDirectory();
        var argsFile = scratch.Combine("args");
        var script = scratch.Combine("hv_set_ifconfig");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$1 $2\" > {argsFile}\ngrep -q '^DEVICE=eth0$' \"$1\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _system.Options.Backend = IpConfigBackendNames.Script;
        _system.Options.SetIfconfigScript = script;

        var status = await _system.ApplyAsync(IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0"), new ProcessCommandRunner());

        status.Should().Be(HvStatus.HV_S_OK);
        File.ReadAllText(argsFile).Trim().Should().Be(
            $"{_system.UnderRoot("/var/lib/hypervkvpd/ifcfg-eth0")} {_system.UnderRoot("/var/lib/hypervkvpd/eth0.nmconnection")}");
    }

    private static bool IsAlive(int pid)
    {
        // A killed process may linger briefly as a zombie until it is reaped; generous guard, not a race.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat))
            {
                return false;
            }

            try
            {
                var text = File.ReadAllText(stat);
                if (text[(text.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    return false;
                }
            }
            catch (IOException)
            {
                return false;
            }

            Thread.Sleep(50);
        }

        return true;
    }
}
