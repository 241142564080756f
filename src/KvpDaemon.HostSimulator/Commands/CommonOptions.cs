// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Diagnostics;
using System.Net.Sockets;
using KvpDaemon.HostSimulator.Scripting;
using KvpDaemon.HostSimulator.Simulation;
using KvpDaemon.Protocol;

namespace KvpDaemon.HostSimulator.Commands;

/// <summary>Options shared by several commands (a new instance per command) and the shared error reporting.</summary>
internal static class CommonOptions
{
    public static Option<string> Socket() => new("--socket", "-s")
    {
        Description = "The unix socket to listen on; start the daemon with --device unix:PATH.",
        Required = true,
    };

    public static Option<string> Abi()
    {
        var option = new Option<string>("--abi")
        {
            Description = "The kernel to play: linux (7432-byte messages, registration reply \"3.1\") or freebsd (7430, no reply).",
            DefaultValueFactory = _ => KvpAbi.Linux.Name,
        };
        option.AcceptOnlyFromAmong(KvpAbi.Linux.Name, KvpAbi.FreeBsd.Name);
        return option;
    }

    public static Option<double> Timeout() => new("--timeout", "-t")
    {
        Description = "Seconds each wait may take (the registration, each exchange).",
        DefaultValueFactory = _ => 30,
    };

    public static Option<string?> Daemon() => new("--daemon")
    {
        Description = "The daemon executable (default: hypervkvpd next to hvkvp-sim).",
    };

    public static KvpAbi GetAbi(ParseResult parseResult, Option<string> option)
    {
        var known = KvpAbi.TryParse(parseResult.GetValue(option), out var abi);
        Debug.Assert(known && abi is not null, "AcceptOnlyFromAmong has validated the spelling");
        return abi;
    }

    public static TimeSpan GetTimeout(ParseResult parseResult, Option<double> option)
    {
        var seconds = parseResult.GetValue(option);
        return seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new ArgumentOutOfRangeException(
            nameof(option), seconds, "--timeout must be a positive number of seconds.");
    }

    /// <summary>
    /// Runs <paramref name="body"/> and turns the failures a user can cause or meet into a message and an exit code,
    /// not a stack trace. Cancellation (Ctrl+C) propagates.
    /// </summary>
    public static async Task<int> ReportFailuresAsync(TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (SimulatorScriptException e)
        {
            await error.WriteLineAsync($"hvkvp-sim: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is KvpSimulatorException or TimeoutException or SocketException or IOException
            or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            await error.WriteLineAsync($"hvkvp-sim: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
