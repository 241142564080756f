// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IpConfig;
using KvpDaemon.IpConfig.Backends;
using KvpDaemon.Protocol;

namespace KvpDaemon.Tests.IpConfig;

/// <summary>
/// Issue 13 item 8: <c>nmcli connection load</c> exits 0 when NetworkManager rejects the file, and <c>connection up</c>
/// then re-activates the old profile with exit 0. Every nmcli step here "succeeds"; only the confirming queries tell.
/// </summary>
public sealed class ConfirmedCommandTests : IDisposable
{
    private static readonly string Uuid = NetworkManagerBackend.ConnectionUuid("eth0");
    private readonly IpConfigTestSystem _system = new();

    public ConfirmedCommandTests()
    {
        _system.Options.Backend = IpConfigBackendNames.NetworkManager;
    }

    public void Dispose() => _system.Dispose();

    [Fact]
    public async Task NetworkManager_LoadSilentlyRejected_AnswersFailAndRestoresTheOldProfile()
    {
        var keyfile = _system.UnderRoot("/etc/NetworkManager/system-connections/hyperv-eth0.nmconnection");
        Directory.CreateDirectory(Path.GetDirectoryName(keyfile)!);
        File.WriteAllText(keyfile, "previous\n");

        // NetworkManager rejected the file: after the delete it knows no profile with this UUID.
        _system.Runner.Respond = command => command.Contains("connection.uuid") ? string.Empty : "ok";

        var status = await _system.ApplyAsync(IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0"));

        status.Should().Be(HvStatus.HV_E_FAIL);
        File.ReadAllText(keyfile).Should().Be("previous\n");
        _system.Runner.Commands.Select(c => c[1] + " " + c[2]).Should().Equal(
            "connection delete", "connection load", "-g connection.uuid", "connection reload", "connection up");
    }

    [Theory]
    [InlineData("activating")]
    [InlineData("deactivated")]
    public async Task NetworkManager_ActivationNotReached_AnswersFail(string state)
    {
        // "deactivated" contains "activated": the expected answer must stand as a word of its own.
        _system.Runner.Respond = command => command.Contains("connection.uuid") ? Uuid + "\n" : command.Contains("GENERAL.STATE") ? state + "\n" : string.Empty;

        var status = await _system.ApplyAsync(IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0"));

        status.Should().Be(HvStatus.HV_E_FAIL);
    }

    [Fact]
    public async Task NetworkManager_LoadedAndActivated_AnswersOk()
    {
        _system.Runner.Respond = command => command.Contains("connection.uuid") ? Uuid + "\n" : command.Contains("GENERAL.STATE") ? "activated\n" : string.Empty;

        var status = await _system.ApplyAsync(IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0"));

        status.Should().Be(HvStatus.HV_S_OK);
        _system.Runner.Commands.Should().HaveCount(5);
    }

    [Fact]
    public async Task Networkd_AnotherFileStillInForce_AnswersFail()
    {
        _system.Options.Backend = IpConfigBackendNames.Networkd;
        _system.Runner.Respond = _ => "Network File: /etc/systemd/network/10-cloud-init-eth0.network\n";

        var status = await _system.ApplyAsync(IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0"));

        status.Should().Be(HvStatus.HV_E_FAIL);
        File.Exists(_system.UnderRoot("/etc/systemd/network/00-hyperv-eth0.network")).Should().BeFalse();
    }

    [Fact]
    public async Task Networkd_RemovedOldFile_IsRestoredWhenTheApplyFails()
    {
        _system.Options.Backend = IpConfigBackendNames.Networkd;
        var old = _system.UnderRoot("/etc/systemd/network/10-hyperv-eth0.network");
        Directory.CreateDirectory(Path.GetDirectoryName(old)!);
        File.WriteAllText(old, "old\n");
        var existedDuringReload = true;
        _system.Runner.OnRun = command => existedDuringReload &= File.Exists(old);
        _system.Runner.FailAt.Add(2);

        var status = await _system.ApplyAsync(IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0"));

        status.Should().Be(HvStatus.HV_E_FAIL);
        existedDuringReload.Should().BeFalse("the earlier version's file is gone when networkd reloads");
        File.ReadAllText(old).Should().Be("old\n");
        File.Exists(_system.UnderRoot("/etc/systemd/network/00-hyperv-eth0.network")).Should().BeFalse();
    }
}
