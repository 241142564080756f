// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;
using KvpDaemon.IpConfig;
using KvpDaemon.Tests.IpConfig;

namespace KvpDaemon.Tests.Hardening;

/// <summary>
/// IP injection still works under the unit's <c>ProtectSystem=strict</c>: a SET_IP_INFO dry run of every Linux backend
/// plans files only below the unit's <c>ReadWritePaths=</c> (and its StateDirectory=), /etc/resolv.conf included (the
/// iproute2 backend with ManageResolvConf). (The script backend writes only into the StateDirectory=.)
/// </summary>
public sealed partial class UnitPathsTests
{
    private const string StateDirectory = "/var/lib/hypervkvpd";

    [Theory]
    [InlineData(IpConfigBackendNames.NetworkManager)]
    [InlineData(IpConfigBackendNames.Networkd)]
    [InlineData(IpConfigBackendNames.Netplan)]
    [InlineData(IpConfigBackendNames.Ifupdown)]
    [InlineData(IpConfigBackendNames.Ifcfg)]
    [InlineData(IpConfigBackendNames.Iproute2)]
    public async Task DryRun_EveryPlannedFile_IsWritableUnderTheUnit(string backend)
    {
        using var system = new IpConfigTestSystem();
        system.Options.Backend = backend;
        system.Options.DryRun = true;

        // The one backend that may write outside its directory, with the option that makes it do so.
        system.Options.ManageResolvConf = true;
        var writable = UnitWritablePaths();

        var status = await system.ApplyAsync(IpConfigTestSystem.Request("192.168.1.10", "255.255.255.0", "192.168.1.1", "192.168.1.53"));

        status.Should().Be(KvpDaemon.Protocol.HvStatus.HV_S_OK);
        var commands = File.ReadAllText(system.UnderRoot("/" + system.FilesUnderRoot().Single(f => f.EndsWith("commands.txt", StringComparison.Ordinal))));
        var planned = WriteLine().Matches(commands).Select(match => match.Groups[1].Value).ToArray();
        planned.Should().NotBeEmpty();
        planned.Should().OnlyContain(path => path.StartsWith('/'));
        var outside = planned.Where(path => !writable.Any(root => path == root || path.StartsWith(root + "/", StringComparison.Ordinal))).ToArray();
        outside.Should().BeEmpty();
    }

    [Fact]
    public void Unit_PoolDirectory_IsWritable() =>
        UnitWritablePaths().Should().Contain("/var/lib/hyperv").And.Contain(StateDirectory);

    /// <summary>The unit's ReadWritePaths= entries ("-" dropped) and its StateDirectory=.</summary>
    private static string[] UnitWritablePaths()
    {
        var lines = File.ReadAllLines(UnitFile()).Where(line => !line.StartsWith('#')).ToArray();
        lines.Should().Contain("ProtectSystem=strict");
        lines.Should().Contain("StateDirectory=hypervkvpd");
        return lines
            .Where(line => line.StartsWith("ReadWritePaths=", StringComparison.Ordinal))
            .SelectMany(line => line["ReadWritePaths=".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(path => path.TrimStart('-'))
            .Append(StateDirectory)
            .ToArray();
    }

    private static string UnitFile()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "KvpDaemon.sln")))
            {
                return Path.Combine(directory.FullName, "packaging", "systemd", "hypervkvpd.service");
            }
        }

        throw new FileNotFoundException("No KvpDaemon.sln above the test binaries.");
    }

    [GeneratedRegex("^# write (\\S+) mode", RegexOptions.Multiline)]
    private static partial Regex WriteLine();
}
