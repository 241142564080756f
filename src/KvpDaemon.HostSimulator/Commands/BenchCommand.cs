// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Globalization;
using KvpDaemon.HostSimulator.Bench;
using KvpDaemon.HostSimulator.Daemon;

namespace KvpDaemon.HostSimulator.Commands;

/// <summary>
/// <c>hvkvp-sim bench [--daemon PATH] [--abi] [--sizes 100,1000,10000] [--ops N] [--json] [--ip-info-mac MAC]
/// [--idle-seconds N] [--cli PATH [--cli-runs N]]</c>.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var daemon = CommonOptions.Daemon();
        var abi = CommonOptions.Abi();
        var timeout = CommonOptions.Timeout();
        timeout.DefaultValueFactory = _ => 300;
        var sizes = new Option<string>("--sizes")
        {
            Description = "Comma-separated pool sizes; each gets a fresh daemon and pool directory.",
            DefaultValueFactory = _ => "100,1000,10000",
        };
        var operations = new Option<int>("--ops")
        {
            Description = "Round trips measured per operation (SET, GET, ENUMERATE).",
            DefaultValueFactory = _ => 20_000,
        };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of a table." };
        var ipInfoMac = new Option<string?>("--ip-info-mac")
        {
            Description = "Also measure the median GET_IP_INFO round trip for this MAC (e.g. 00:15:5D:0A:0B:0C).",
        };
        var idleSeconds = new Option<int>("--idle-seconds")
        {
            Description = "Also leave a registered daemon idle this long and report its CPU time and wake-ups (Linux).",
        };
        var cli = new Option<string?>("--cli")
        {
            Description = "After the daemon bench, also time this hvkvp's `get` and `list` from start to exit on a 100-record pool (printed on standard error with --json).",
            HelpName = "PATH",
        };
        var cliRuns = new Option<int>("--cli-runs")
        {
            Description = "Runs of each hvkvp command for --cli; the median is reported.",
            DefaultValueFactory = _ => 20,
        };
        var command = new Command("bench", "Measure the daemon: start-up, round trips per second, peak memory.")
        {
            daemon, abi, timeout, sizes, operations, json, ipInfoMac, idleSeconds, cli, cliRuns,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            return CommonOptions.ReportFailuresAsync(error, async () =>
            {
                var poolSizes = ParseSizes(parseResult.GetValue(sizes)!);
                var count = parseResult.GetValue(operations);
                if (count <= 0)
                {
                    throw new ArgumentException("--ops must be a positive number.");
                }

                var hvkvp = parseResult.GetValue(cli);
                var runs = parseResult.GetValue(cliRuns);
                if (hvkvp is not null && runs <= 0)
                {
                    throw new ArgumentException("--cli-runs must be a positive number.");
                }

                var kernel = CommonOptions.GetAbi(parseResult, abi);
                var mac = parseResult.GetValue(ipInfoMac);
                var runner = new BenchRunner(
                    kernel,
                    new DaemonProcessOptions { ExecutablePath = parseResult.GetValue(daemon) },
                    CommonOptions.GetTimeout(parseResult, timeout));
                var results = new List<BenchResult>();
                var stealBefore = CpuSteal.Read();
                foreach (var size in poolSizes)
                {
                    await error.WriteLineAsync($"Pool size {size}: starting a daemon, prefilling, measuring...").ConfigureAwait(false);
                    results.Add(await runner.RunAsync(size, count, mac, cancellationToken).ConfigureAwait(false));
                }

                var steal = stealBefore is null ? null : CpuSteal.Read()?.PercentSince(stealBefore);
                await output.WriteAsync(parseResult.GetValue(json)
                    ? BenchReport.FormatJson(results, count, kernel.Name, steal)
                    : BenchReport.FormatTable(results, count, kernel.Name, mac, steal)).ConfigureAwait(false);
                if (parseResult.GetValue(idleSeconds) is > 0 and var seconds)
                {
                    await error.WriteLineAsync($"Idle: starting a daemon and leaving it idle for {seconds} s...").ConfigureAwait(false);
                    var idle = await IdleMeasurement.MeasureAsync(
                        kernel,
                        new DaemonProcessOptions { ExecutablePath = parseResult.GetValue(daemon) },
                        TimeSpan.FromSeconds(seconds),
                        CommonOptions.GetTimeout(parseResult, timeout),
                        cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync(idle.ToString()).ConfigureAwait(false);
                }

                if (hvkvp is not null)
                {
                    // With --json, standard output holds one JSON document: the timings go with the progress lines.
                    var timingOutput = parseResult.GetValue(json) ? error : output;
                    await error.WriteLineAsync($"CLI: timing {hvkvp}, {runs} runs of each command...").ConfigureAwait(false);
                    var timings = await CliTiming.MeasureAsync(hvkvp, runs, CommonOptions.GetTimeout(parseResult, timeout), cancellationToken).ConfigureAwait(false);
                    foreach (var timing in timings)
                    {
                        await timingOutput.WriteLineAsync(timing.ToString()).ConfigureAwait(false);
                    }
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }

    /// <summary>Parses "100,1000,10000".</summary>
    /// <exception cref="ArgumentException">An item is not a positive number.</exception>
    internal static IReadOnlyList<int> ParseSizes(string text)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = new List<int>();
        foreach (var item in items)
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
            {
                throw new ArgumentException($"--sizes takes positive numbers separated by commas; '{item}' is not one.");
            }

            sizes.Add(size);
        }

        return sizes.Count > 0 ? sizes : throw new ArgumentException("--sizes names no pool size.");
    }
}
