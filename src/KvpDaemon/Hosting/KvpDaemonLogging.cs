// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using KvpDaemon.Platform;
using KvpDaemon.Systemd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace KvpDaemon.Hosting;

/// <summary>
/// Logging through Microsoft.Extensions.Logging, written by Serilog to standard output: with journal priority
/// prefixes when standard output is the journal, with timestamps and levels otherwise (a terminal, a file, daemon(8)).
/// </summary>
internal static class KvpDaemonLogging
{
    private const string OutputTemplate =
        "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {Message:lj}{NewLine}{Exception}";

    public static ILoggingBuilder AddKvpDaemonLogging(this ILoggingBuilder logging, IConfiguration configuration, KvpDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(dialect);

        // An unparsable level is reported by option validation; log at the default level until then.
        var level = Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(
            configuration[KvpDaemonOptions.Keys.LogLevel], ignoreCase: true, out var parsed)
            ? parsed
            : Microsoft.Extensions.Logging.LogLevel.Information;

        var serilogConfiguration = new LoggerConfiguration().MinimumLevel.Is(ToSerilog(level));
        var serilog = (JournalStream.IsStandardOutput(dialect, Environment.GetEnvironmentVariable("JOURNAL_STREAM"))
            ? serilogConfiguration.WriteTo.Console(new JournalTextFormatter())
            : serilogConfiguration.WriteTo.Console(outputTemplate: OutputTemplate, formatProvider: CultureInfo.InvariantCulture))
            .CreateLogger();
        logging.ClearProviders();
        logging.SetMinimumLevel(level);
        logging.AddSerilog(serilog, dispose: true);
        return logging;
    }

    private static LogEventLevel ToSerilog(Microsoft.Extensions.Logging.LogLevel level) => level switch
    {
        Microsoft.Extensions.Logging.LogLevel.Trace => LogEventLevel.Verbose,
        Microsoft.Extensions.Logging.LogLevel.Debug => LogEventLevel.Debug,
        Microsoft.Extensions.Logging.LogLevel.Information => LogEventLevel.Information,
        Microsoft.Extensions.Logging.LogLevel.Warning => LogEventLevel.Warning,
        Microsoft.Extensions.Logging.LogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };
}
