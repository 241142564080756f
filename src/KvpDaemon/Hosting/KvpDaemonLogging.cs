// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using KvpDaemon.Platform;
using KvpDaemon.Systemd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace KvpDaemon.Hosting;

/// <summary>
/// Logging through Microsoft.Extensions.Logging, written by Serilog to standard output: with journal priority
/// prefixes when standard output is the journal, with timestamps and levels otherwise (a terminal, a file, daemon(8)).
/// The level is Serilog's <see cref="LoggingLevelSwitch"/> (registered as a service, so SIGHUP can change it,
/// <see cref="ConfigurationReloader"/>); Microsoft.Extensions.Logging passes everything on to Serilog, which decides.
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

        var levelSwitch = new LoggingLevelSwitch(ToSerilog(level));
        var serilogConfiguration = new LoggerConfiguration().MinimumLevel.ControlledBy(levelSwitch);
        var serilog = (JournalStream.IsStandardOutput(dialect, Environment.GetEnvironmentVariable("JOURNAL_STREAM"))
            ? serilogConfiguration.WriteTo.Console(new JournalTextFormatter())
            : serilogConfiguration.WriteTo.Console(outputTemplate: OutputTemplate, formatProvider: CultureInfo.InvariantCulture))
            .CreateLogger();
        logging.ClearProviders();
        // Trace: a level filter here would drop debug messages before the switch could let them through after a reload.
        // The Serilog logger answers IsEnabled from the switch, so disabled levels still cost no formatting.
        logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace);
        logging.AddSerilog(serilog, dispose: true);
        logging.Services.AddSingleton(levelSwitch);
        return logging;
    }

    /// <summary>The Serilog level of a Microsoft.Extensions.Logging level (None: nothing but Fatal).</summary>
    public static LogEventLevel ToSerilog(Microsoft.Extensions.Logging.LogLevel level) => level switch
    {
        Microsoft.Extensions.Logging.LogLevel.Trace => LogEventLevel.Verbose,
        Microsoft.Extensions.Logging.LogLevel.Debug => LogEventLevel.Debug,
        Microsoft.Extensions.Logging.LogLevel.Information => LogEventLevel.Information,
        Microsoft.Extensions.Logging.LogLevel.Warning => LogEventLevel.Warning,
        Microsoft.Extensions.Logging.LogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };
}
