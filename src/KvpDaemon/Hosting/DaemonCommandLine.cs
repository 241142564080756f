// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.Platform;

namespace KvpDaemon.Hosting;

/// <summary>
/// The daemon's command line. The reference daemon's <c>-n/--no-daemon</c> is accepted and changes nothing: KvpDaemon
/// never forks; systemd or FreeBSD's daemon(8) supervises it. Exit codes: 0 after <c>--help</c> or <c>--version</c>, 2
/// for a usage error.
/// </summary>
internal static class DaemonCommandLine
{
    public const int UsageErrorExitCode = 2;

    /// <summary>Parses <paramref name="args"/>; prints help, the version or usage errors itself.</summary>
    public static DaemonInvocation Parse(string[] args, KvpDialect dialect, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var device = new Option<string>("--device")
        {
            Description = $"The KVP device, or unix:PATH to connect to a host simulator [default: {dialect.DefaultDevicePath}]",
            HelpName = "PATH|unix:PATH",
        };
        var poolDirectory = new Option<string>("--pool-dir")
        {
            Description = $"The directory of the pool files [default: {dialect.DefaultPoolDirectory}]",
            HelpName = "DIR",
        };
        var abi = new Option<string>("--abi")
        {
            Description = $"The kernel ABI to speak [default: {dialect.Abi.Name}, the OS this runs on]",
            HelpName = "linux|freebsd",
        };
        abi.AcceptOnlyFromAmong("linux", "freebsd");
        var config = new Option<string>("--config")
        {
            Description = $"The JSON configuration file [default: {dialect.DefaultConfigFile}, if it exists]",
            HelpName = "FILE",
        };
        var debug = new Option<bool>("--debug", "-d") { Description = "Log debug messages" };
        var noDaemon = new Option<bool>("--no-daemon", "-n") { Description = "Accepted for compatibility; the daemon never forks" };

        var root = new RootCommand("hypervkvpd: the Hyper-V Key-Value Pair (KVP) exchange daemon for Linux and FreeBSD guests")
        {
            device, poolDirectory, abi, config, debug, noDaemon,
        };
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var parseError in result.Errors)
            {
                error.WriteLine($"hypervkvpd: {parseError.Message}");
            }

            error.WriteLine("Try 'hypervkvpd --help'.");
            return DaemonInvocation.Exit(UsageErrorExitCode);
        }

        if (result.Action is not null)
        {
            // --help or --version: let System.CommandLine print them.
            return DaemonInvocation.Exit(result.Invoke(new InvocationConfiguration { Output = output, Error = error }));
        }

        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Add(overrides, KvpDaemonOptions.Keys.Device, result.GetValue(device));
        Add(overrides, KvpDaemonOptions.Keys.PoolDirectory, result.GetValue(poolDirectory));
        Add(overrides, KvpDaemonOptions.Keys.Abi, result.GetValue(abi));
        if (result.GetValue(debug))
        {
            overrides[KvpDaemonOptions.Keys.LogLevel] = "Debug";
        }

        var configFile = result.GetValue(config);
        return new DaemonInvocation(null, configFile ?? dialect.DefaultConfigFile, configFile is not null, overrides);
    }

    private static void Add(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides[key] = value;
        }
    }
}

/// <summary>What the command line asks for: an exit code, or a daemon run with these settings.</summary>
/// <param name="ExitCode">Set when the process should exit at once (help, version, usage error).</param>
/// <param name="ConfigFile">The configuration file to read.</param>
/// <param name="ConfigFileRequired">Whether it was named explicitly, and so must exist.</param>
/// <param name="Overrides">Settings given on the command line, by configuration key.</param>
internal sealed record DaemonInvocation(
    int? ExitCode,
    string ConfigFile,
    bool ConfigFileRequired,
    IReadOnlyDictionary<string, string?> Overrides)
{
    public static DaemonInvocation Exit(int exitCode) =>
        new(exitCode, string.Empty, false, new Dictionary<string, string?>());
}
