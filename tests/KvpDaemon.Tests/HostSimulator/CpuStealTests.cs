// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Bench;

namespace KvpDaemon.Tests.HostSimulator;

public sealed class CpuStealTests
{
    [Fact]
    public void PercentSince_TwoReadings_IsStealOverAllTicksBetweenThem()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice
        var before = CpuSteal.Parse("cpu  856981 0 129376 922949 2838 0 1091 35805 0 0")!;
        var after = CpuSteal.Parse("cpu  857098 0 129442 923078 2840 0 1091 35912 0 0")!;

        // 117 + 66 + 129 + 2 + 107 = 421 ticks, 107 of them stolen.
        after.PercentSince(before).Should().BeApproximately(100.0 * 107 / 421, 1e-9);
    }

    [Fact]
    public void PercentSince_NoTimePassed_IsNull()
    {
        var reading = CpuSteal.Parse("cpu  1 2 3 4 5 6 7 8 9 10")!;

        reading.PercentSince(reading).Should().BeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cpu0 1 2 3 4 5 6 7 8")]
    [InlineData("cpu  1 2 3 4 5 6 7")]
    [InlineData("cpu  1 2 3 4 5 6 7 x")]
    public void Parse_NotAnAggregateLineWithSteal_IsNull(string? line)
    {
        CpuSteal.Parse(line).Should().BeNull();
    }

    [Fact]
    public void Read_OnLinux_ReadsProcStat()
    {
        if (!OperatingSystem.IsLinux())
        {
            CpuSteal.Read().Should().BeNull("only Linux has /proc/stat");
            return;
        }

        CpuSteal.Read().Should().NotBeNull("this test runs on Linux, where /proc/stat has had a steal column since 2.6.11");
    }
}
