// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Platform;

namespace KvpDaemon.Hosting;

/// <summary>
/// The daemon's command line. The reference daemon's <c>-n/--no-daemon</c> is accepted and changes nothing: KvpDaemon
/// never forks; systemd or FreeBSD's daemon(8) supervises it. Exit codes: 0 after <c>--help</c> or <c>--version</c>, 2
/// for a usage error.
/// </summary>
/// <remarks>
/// Parsed by hand: seven options do not need a parser library, and System.CommandLine's first use compiles some 110
/// methods, about 25 ms of a start-up that delays the host's first request at boot (docs/performance.md). The tools
/// with real command trees (hvkvp, hvkvp-sim) use System.CommandLine.
/// </remarks>
internal static class DaemonCommandLine
{
    public const int UsageErrorExitCode = 2;

    private static readonly string[] Abis = ["linux", "freebsd"];

    /// <summary>Parses <paramref name="args"/>; prints help, the version or usage errors itself.</summary>
    public static DaemonInvocation Parse(string[] args, KvpDialect dialect, TextWriter output, TextWriter error)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        string? configFile = null;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            switch (name)
            {
                case "-h" or "--help" or "-?":
                    output.Write(Help(dialect));
                    return DaemonInvocation.Exit(0);
                case "--version":
                    output.WriteLine(ThisAssembly.InformationalVersion);
                    return DaemonInvocation.Exit(0);
                case "-d" or "--debug":
                    overrides[KvpDaemonOptions.Keys.LogLevel] = "Debug";
                    break;
                case "-n" or "--no-daemon":
                    break;
                case "--device" or "--pool-dir" or "--abi" or "--config":
                    var value = inlineValue ?? (i + 1 < args.Length ? args[++i] : null);
                    if (string.IsNullOrEmpty(value))
                    {
                        return UsageError(error, $"option '{name}' needs a value.");
                    }

                    if (name == "--abi" && !Abis.Contains(value, StringComparer.Ordinal))
                    {
                        return UsageError(error, $"'{value}' is not a kernel ABI; use one of: {string.Join(", ", Abis)}.");
                    }

                    if (name == "--config")
                    {
                        // Against the current directory, as a user means it: the JSON provider would otherwise look
                        // for a relative name beside the executable.
                        configFile = Path.GetFullPath(value);
                    }
                    else
                    {
                        overrides[name switch
                        {
                            "--device" => KvpDaemonOptions.Keys.Device,
                            "--pool-dir" => KvpDaemonOptions.Keys.PoolDirectory,
                            _ => KvpDaemonOptions.Keys.Abi,
                        }] = value;
                    }

                    break;
                default:
                    return UsageError(error, $"unrecognized argument '{args[i]}'.");
            }
        }

        return new DaemonInvocation(null, configFile ?? dialect.DefaultConfigFile, configFile is not null, overrides);
    }

    /// <summary>"--name=value" into ("--name", "value"); anything else into (argument, null).</summary>
    private static (string Name, string? Value) Split(string argument)
    {
        var equals = argument.StartsWith("--", StringComparison.Ordinal) ? argument.IndexOf('=', StringComparison.Ordinal) : -1;
        return equals > 0 ? (argument[..equals], argument[(equals + 1)..]) : (argument, null);
    }

    private static DaemonInvocation UsageError(TextWriter error, string message)
    {
        error.WriteLine($"hypervkvpd: {message}");
        error.WriteLine("Try 'hypervkvpd --help'.");
        return DaemonInvocation.Exit(UsageErrorExitCode);
    }

    private static string Help(KvpDialect dialect) => $"""
        hypervkvpd: the Hyper-V Key-Value Pair (KVP) exchange daemon for Linux and FreeBSD guests

        Usage:
          hypervkvpd [options]

        Options:
          --device PATH|unix:PATH  The KVP device, or unix:PATH to connect to a host simulator
                                   [default: {dialect.DefaultDevicePath}]
          --pool-dir DIR           The directory of the pool files [default: {dialect.DefaultPoolDirectory}]
          --abi linux|freebsd      The kernel ABI to speak [default: {dialect.Abi.Name}, the OS this runs on]
          --config FILE            The JSON configuration file [default: {dialect.DefaultConfigFile}, if it exists]
          -d, --debug              Log debug messages
          -n, --no-daemon          Accepted for compatibility; the daemon never forks
          --version                Print the version and exit
          -h, --help               Print this help and exit

        Exit status: 0 when stopped by a signal or when the KVP device does not exist, 1 on a fatal error,
        2 for a usage or configuration error. See hypervkvpd(8).

        """;
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
