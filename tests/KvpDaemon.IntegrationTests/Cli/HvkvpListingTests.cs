// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IntegrationTests.FirstHour;
using KvpDaemon.IntegrationTests.Infrastructure;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests.Cli;

/// <summary>hvkvp's listings of a running daemon's pools, exactly, on a daemon of their own.</summary>
public sealed class HvkvpListingTests
{
    [Fact]
    public async Task ListJsonAndParams_PoolsFilledByHostAndGuest_PrintExactlyTheirItems()
    {
        await using var session = await Sessions.StartAsync("linux");
        await session.SendAsync(new KvpSetRequest(0, "pushed", "by the host"));
        await session.SendAsync(new KvpSetRequest(3, "HostName", "hyperv-01.example"));
        await session.SendAsync(new KvpSetRequest(3, "VirtualMachineName", "vm \"one\""));
        await session.SendAsync(new KvpSetRequest(4, "internal", "4"));
        (await HvkvpProcess.RunAsync("--pool-dir", session.PoolDirectory, "set", "guest-key", "by the guest")).ExitCode.Should().Be(0);

        var list = await HvkvpProcess.RunAsync("--pool-dir", session.PoolDirectory, "list", "--json");
        var parameters = await HvkvpProcess.RunAsync("--pool-dir", session.PoolDirectory, "params", "--json");
        var table = await HvkvpProcess.RunAsync("--pool-dir", session.PoolDirectory, "params");

        const string Parameters =
            """{"pool":3,"poolName":"parameters","items":[{"key":"HostName","value":"hyperv-01.example"},{"key":"VirtualMachineName","value":"vm \"one\""}]}""";
        list.Should().Be(new ProgramRun.Result(
            0,
            "[" +
            """{"pool":0,"poolName":"external","items":[{"key":"pushed","value":"by the host"}]},""" +
            """{"pool":1,"poolName":"guest","items":[{"key":"guest-key","value":"by the guest"}]},""" +
            Parameters + "," +
            """{"pool":4,"poolName":"internal","items":[{"key":"internal","value":"4"}]}""" +
            "]\n",
            string.Empty));
        parameters.Should().Be(new ProgramRun.Result(0, Parameters + "\n", string.Empty));
        table.ExitCode.Should().Be(0);
        table.Output.Should().Contain("HostName").And.Contain("hyperv-01.example").And.Contain("VirtualMachineName");
    }
}
