// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;

namespace KvpDaemon.HostSimulator.Bench;

/// <summary>One hvkvp command's wall times over <paramref name="Runs"/> runs, in milliseconds.</summary>
internal sealed record CliTimingResult(string Command, int Runs, double MedianMs, double MinMs, double MaxMs)
{
    public static CliTimingResult Of(string command, IReadOnlyList<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new CliTimingResult(command, sorted.Length, median, sorted[0], sorted[^1]);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Command}: median {MedianMs:0.0} ms over {Runs} runs ({MinMs:0.0}-{MaxMs:0.0}), {CliTiming.Records}-record pool");
}
