// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.RegularExpressions;
using KvpDaemon.Pools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KvpDaemon.Hosting;

/// <summary>
/// Everything the daemon checks before the host runs, each failure one line on standard error that names the setting,
/// what is wrong and what to do, then the documented exit status (hypervkvpd(8)): 2 for configuration, 1 for a fatal
/// runtime error. Before the host runs, because a failure inside it is logged by the host as "Hosting failed to start"
/// with a stack trace, after whatever the host logged at a level the bad configuration may itself have named.
/// </summary>
internal static partial class StartupCheck
{
    /// <summary>Exit status for a fatal runtime error, such as a pool directory the daemon cannot create or write.</summary>
    public const int FatalExitCode = 1;

    /// <summary>Describes why the configuration sources could not be read (the exception from adding them).</summary>
    /// <param name="invocation">The command line: the file, and whether --config named it or it is the default.</param>
    /// <param name="exception">What adding the sources threw.</param>
    public static string DescribeUnreadableConfiguration(DaemonInvocation invocation, Exception exception)
    {
        var file = invocation.ConfigFileRequired
            ? $"--config {invocation.ConfigFile}"
            : $"the configuration file {invocation.ConfigFile}";
        return exception switch
        {
            FileNotFoundException or DirectoryNotFoundException =>
                $"{file}: no such file; name an existing JSON file, or leave --config out.",
            UnauthorizedAccessException =>
                $"{file}: permission denied; make the file readable by the daemon.",
            _ when Innermost(exception) is JsonException json =>
                $"{file}: not valid JSON ({FirstLine(json.Message)}); fix the file.",
            _ => $"{file}: cannot be read ({FirstLine(Innermost(exception).Message)}).",
        };
    }

    /// <summary>
    /// Binds and validates every setting, then opens the pool files. Prints one line per failure on
    /// <paramref name="error"/>.
    /// </summary>
    /// <returns>Null when the daemon may run; otherwise the exit status.</returns>
    public static int? Run(IHost host, TextWriter error)
    {
        var settings = host.Services.GetRequiredService<DaemonSettingsReader>().Read();
        if (settings.Errors.Count > 0)
        {
            foreach (var failure in settings.Errors)
            {
                error.WriteLine($"hypervkvpd: invalid configuration: {Describe(failure)}");
            }

            return KvpDaemonHost.ConfigurationErrorExitCode;
        }

        // The pool store is a singleton and opening is idempotent: the service's own Open at start finds it done.
        var pools = host.Services.GetRequiredService<KvpPoolStore>();
        try
        {
            pools.Open();
        }
        catch (PoolFileRefusedException exception)
        {
            // A pool directory others can write, or another user's: a setup to fix, reported like an invalid
            // configuration (docs/reliability.md, "Hostile local users, helpers and servers").
            error.WriteLine($"hypervkvpd: {FirstLine(exception.Message)}; not starting.");
            return KvpDaemonHost.ConfigurationErrorExitCode;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            error.WriteLine(
                $"hypervkvpd: cannot create or write the pool files in {pools.Directory} ({FirstLine(exception.Message)}); " +
                "give PoolDirectory (--pool-dir) a directory the daemon may create and write.");
            return FatalExitCode;
        }

        return null;
    }

    /// <summary>
    /// The binder's "Failed to convert configuration value 'x' at 'A:B' to type 'System.Boolean'." as
    /// "A:B: 'x' is not ...; use ...". Other failures (the validators') already name the setting.
    /// </summary>
    private static string Describe(string failure)
    {
        var match = ConversionFailure().Match(failure);
        if (!match.Success)
        {
            return failure;
        }

        var expected = match.Groups["type"].Value switch
        {
            "System.Boolean" => "use true or false",
            "System.TimeSpan" => "use a time span such as 00:00:30",
            "System.Int32" or "System.Int64" or "System.UInt32" => "use a whole number",
            var type => $"use a value of type {type}",
        };
        return $"{match.Groups["key"].Value}: '{match.Groups["value"].Value}' is not valid here; {expected}.";
    }

    private static Exception Innermost(Exception exception)
    {
        var current = exception;
        while (current.InnerException is { } inner)
        {
            current = inner;
        }

        return current;
    }

    private static string FirstLine(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return (end < 0 ? text : text[..end]).TrimEnd('.');
    }

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();
}
