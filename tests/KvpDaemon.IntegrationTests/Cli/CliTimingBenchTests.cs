// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;
using KvpDaemon.IntegrationTests.FirstHour;

namespace KvpDaemon.IntegrationTests.Cli;

/// <summary>
/// <c>hvkvp-sim bench --cli</c>, the command docs/performance.md takes the hvkvp figures from, against the built
/// hvkvp: it fills a pool with hvkvp itself and reports each command once. No timing is asserted, only that the
/// figures are there and the commands succeeded (a failing hvkvp fails the bench).
/// </summary>
public sealed partial class CliTimingBenchTests
{
    [Fact]
    public async Task Bench_Cli_ReportsAMedianForGetAndList()
    {
        var result = await ProgramRun.RunAsync(
            "hvkvp-sim", "bench", "--sizes", "100", "--ops", "100", "--cli", HvkvpProcess.LocateExecutable(), "--cli-runs", "3");

        result.ExitCode.Should().Be(0, result.Error);
        var lines = TimingLine().Matches(result.Output).Select(match => match.Groups["command"].Value).ToList();
        lines.Should().Equal("hvkvp get key50 --pool guest", "hvkvp list");
        TimingLine().Matches(result.Output)
            .Select(match => double.Parse(match.Groups["median"].Value, CultureInfo.InvariantCulture))
            .Should().OnlyContain(median => median > 0);
    }

    [Fact]
    public async Task Bench_CliThatFails_FailsTheBench()
    {
        // /bin/false exits 1 at the first `hvkvp set`: the bench must not report a time for a command that failed.
        var result = await ProgramRun.RunAsync("hvkvp-sim", "bench", "--sizes", "100", "--ops", "100", "--cli", "/bin/false");

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("exited with 1");
        TimingLine().IsMatch(result.Output).Should().BeFalse();
    }

    [GeneratedRegex(@"^(?<command>hvkvp [^:]+): median (?<median>[0-9.]+) ms over [0-9]+ runs", RegexOptions.Multiline)]
    private static partial Regex TimingLine();
}
