// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Commands;
using KvpDaemon.HostSimulator.Scripting;
using KvpDaemon.HostSimulator.Simulation;
using KvpDaemon.Protocol;
using KvpDaemon.Tests.HostSimulator.Infrastructure;

namespace KvpDaemon.Tests.HostSimulator;

public sealed class ScriptRunnerTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ExecuteAsync_Script_PrintsRepliesAndReregistersAfterDisconnect()
    {
        using var path = new TempSocketPath();
        var pools = new InMemoryPools();
        await using var simulator = KvpHostSimulator.Listen(path.Path, KvpAbi.Linux);
        await using var daemon = FakeDaemon.Start(path.Path, KvpAbi.Linux, pools.Handle);
        using var output = new StringWriter { NewLine = "\n" };
        var runner = new ScriptRunner(simulator, output, Guard);
        var script = """
            # set, read back, walk, then a device reset
            set 0 "Host Key" hello world
            get 0 "Host Key"
            enum 0 0
            enum-all 0
            get 0 missing
            disconnect
            get 0 "Host Key"
            wait-registration
            op 9 0
            """;
        var statuses = new List<HvStatus>();

        foreach (var (_, command) in ScriptCommand.ParseScript(script, "test"))
        {
            statuses.Add(await runner.ExecuteAsync(command, CancellationToken.None));
        }

        output.ToString().Should().Be(
            """
            OK
            OK value=hello world
            OK key=Host Key value=hello world
            OK key=Host Key value=hello world
            END count=1 HV_S_CONT (0x80070103)
            HV_S_CONT (0x80070103)
            DISCONNECTED
            OK value=hello world
            REGISTERED registrations=3
            HV_ERROR_NOT_SUPPORTED (0x80070032)

            """);
        statuses.Should().Equal(
            HvStatus.HV_S_OK, HvStatus.HV_S_OK, HvStatus.HV_S_OK, HvStatus.HV_S_OK, HvStatus.HV_S_CONT, HvStatus.HV_S_OK,
            HvStatus.HV_S_OK, HvStatus.HV_S_OK, HvStatus.HV_ERROR_NOT_SUPPORTED);
        simulator.Registrations.Should().Be(3);
    }

    [Fact]
    public async Task ExecuteAsync_NoDaemon_ThrowsTimeoutNamingTheSocket()
    {
        using var path = new TempSocketPath();
        await using var simulator = KvpHostSimulator.Listen(path.Path, KvpAbi.FreeBsd);
        var runner = new ScriptRunner(simulator, TextWriter.Null, TimeSpan.FromMilliseconds(50));

        var act = () => runner.ExecuteAsync(new WaitRegistrationCommand(), CancellationToken.None);

        (await act.Should().ThrowAsync<TimeoutException>()).WithMessage($"*{path.Path}*--abi freebsd*");
    }
}
