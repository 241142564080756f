// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using KvpDaemon.HostSimulator.Demo;

namespace KvpDaemon.HostSimulator.Bench;

/// <summary>Prints benchmark results as a table or as JSON, with the machine they were measured on.</summary>
internal static class BenchReport
{
    public static string Machine =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}), " +
        RuntimeInformation.FrameworkDescription;

    public static string FormatTable(IReadOnlyList<BenchResult> results, int operations, string abi, string? ipInfoMac, double? stealPercent = null)
    {
        var table = new TextTable("Pool size", "Start→registration ms", "SET/s", "GET/s", "ENUM/s", "Peak RSS MiB");
        foreach (var result in results)
        {
            table.AddRow(
                Number(result.PoolSize, "0"),
                Number(result.StartToRegistrationMs, "0.0"),
                Number(result.SetPerSecond, "0"),
                Number(result.GetPerSecond, "0"),
                Number(result.EnumeratePerSecond, "0"),
                result.PeakRssKiB is { } kib ? Number(kib / 1024.0, "0.0") : "n/a");
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"hvkvp-sim bench: ABI {abi}, {operations} round trips per operation.");
        text.Append(table);
        if (ipInfoMac is not null)
        {
            foreach (var result in results)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"GET_IP_INFO {ipInfoMac} median (pool size {result.PoolSize}, {BenchRunner.IpInfoSamples} requests): " +
                    $"{Number(result.IpInfoMedianMs ?? double.NaN, "0.000")} ms");
            }
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine}");
        text.AppendLine(CultureInfo.InvariantCulture, $"CPU time stolen by the hypervisor during the run: {Number(stealPercent ?? double.NaN, "0.0")} %");
        return text.ToString();
    }

    public static string FormatJson(IReadOnlyList<BenchResult> results, int operations, string abi, double? stealPercent = null)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("abi", abi);
            json.WriteNumber("operations", operations);
            json.WriteStartObject("machine");
            json.WriteNumber("cores", Environment.ProcessorCount);
            json.WriteString("os", RuntimeInformation.OSDescription);
            json.WriteString("architecture", RuntimeInformation.OSArchitecture.ToString());
            json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
            WriteNullable(json, "cpuStealPercent", stealPercent is { } percent ? Math.Round(percent, 1) : null);
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var result in results)
            {
                json.WriteStartObject();
                json.WriteNumber("poolSize", result.PoolSize);
                json.WriteNumber("startToRegistrationMs", Math.Round(result.StartToRegistrationMs, 3));
                json.WriteNumber("setPerSecond", Math.Round(result.SetPerSecond, 1));
                json.WriteNumber("getPerSecond", Math.Round(result.GetPerSecond, 1));
                json.WriteNumber("enumeratePerSecond", Math.Round(result.EnumeratePerSecond, 1));
                WriteNullable(json, "peakRssKiB", result.PeakRssKiB);
                WriteNullable(json, "ipInfoMedianMs", result.IpInfoMedianMs is { } ms ? Math.Round(ms, 4) : null);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Number(double value, string format) =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);
}
