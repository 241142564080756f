// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using KvpDaemon.Platform;
using KvpDaemon.Systemd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace KvpDaemon.Hosting;

/// <summary>
/// Logging through Serilog (Serilog.Extensions.Hosting) to standard output with Serilog.Sinks.Console: with journal
/// priority prefixes when standard output is the journal, with timestamps and levels otherwise (a terminal, a file,
/// daemon(8)). The level is a <see cref="LogLevelSwitch"/>, registered as a service so SIGHUP can change it
/// (<see cref="ConfigurationReloader"/>). A message that cannot be written (standard output on a full disk, a terminal
/// that hung up) is dropped by Serilog, which never lets a sink's failure reach the code that logs: request handlers log
/// their own I/O errors, and a throwing logger would turn one failed write into a failed request.
/// </summary>
internal static class KvpDaemonLogging
{
    /// <summary><c>2026-12-03 08:43:01.002 [INF] message</c>, local time, then the exception on the lines that follow.</summary>
    public const string TimestampedTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <summary><c>&lt;6&gt;message</c>: no timestamp (the journal keeps its own), one line per message.</summary>
    public const string JournalTemplate =
        "<{" + JournalPriorityEnricher.PriorityProperty + "}>{Message:lj}{" + JournalPriorityEnricher.ExceptionProperty + ":l}{NewLine}";

    public static ILoggingBuilder AddKvpDaemonLogging(this ILoggingBuilder logging, IConfiguration configuration, KvpDialect dialect)
    {
        // An unparsable level is reported by option validation; log at the default level until then.
        var level = LogLevelSwitch.TryParse(configuration[KvpDaemonOptions.Keys.LogLevel], out var parsed)
            ? parsed
            : LogLevel.Information;

        var levelSwitch = new LogLevelSwitch(level);
        var journal = JournalStream.IsStandardOutput(dialect, Environment.GetEnvironmentVariable("JOURNAL_STREAM"));
        // A formatter rather than an output template and a theme: the same plain lines whether standard output is a
        // terminal, a file or a pipe.
        var logger = Configure(new LoggerConfiguration(), journal, levelSwitch, out var formatter)
            .WriteTo.Console(formatter)
            .CreateLogger();

        logging.ClearProviders();
        logging.Services.AddSingleton(levelSwitch);
        // dispose: the container disposes the logger (a last flush) when the host ends.
        logging.Services.AddSerilog(logger, dispose: true);
        return logging;
    }

    /// <summary>
    /// The pipeline without its sink (the tests write to a text writer): the level, the overrides, the enricher, and
    /// the formatter of the output's lines.
    /// </summary>
    internal static LoggerConfiguration Configure(LoggerConfiguration configuration, bool journal, LogLevelSwitch levelSwitch, out ITextFormatter formatter)
    {
        configuration
            .MinimumLevel.ControlledBy(levelSwitch.Serilog)
            // SystemdLifetime's "Application started. Hosting environment: ..." means nothing for a service: the
            // daemon says when it starts, registers and stops.
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Warning);
        if (journal)
        {
            configuration.Enrich.With(new JournalPriorityEnricher());
        }

        formatter = new MessageTemplateTextFormatter(journal ? JournalTemplate : TimestampedTemplate, CultureInfo.InvariantCulture);
        return configuration;
    }
}
