// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Platform;
using KvpDaemon.Systemd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Hosting;

/// <summary>
/// Logging through Microsoft.Extensions.Logging to standard output (<see cref="DaemonLoggerProvider"/>): with journal
/// priority prefixes when standard output is the journal, with timestamps and levels otherwise (a terminal, a file,
/// daemon(8)). The level is a <see cref="LogLevelSwitch"/>, registered as a service so SIGHUP can change it
/// (<see cref="ConfigurationReloader"/>); Microsoft.Extensions.Logging passes everything on to the provider, which decides.
/// </summary>
internal static class KvpDaemonLogging
{
    public static ILoggingBuilder AddKvpDaemonLogging(this ILoggingBuilder logging, IConfiguration configuration, KvpDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(dialect);

        // An unparsable level is reported by option validation; log at the default level until then.
        var level = LogLevelSwitch.TryParse(configuration[KvpDaemonOptions.Keys.LogLevel], out var parsed)
            ? parsed
            : LogLevel.Information;

        var levelSwitch = new LogLevelSwitch(level);
        ILogLineFormatter formatter = JournalStream.IsStandardOutput(dialect, Environment.GetEnvironmentVariable("JOURNAL_STREAM"))
            ? new JournalTextFormatter()
            : new TimestampedLineFormatter();
        logging.ClearProviders();
        // Trace: a level filter here would drop debug messages before the switch could let them through after a reload.
        logging.SetMinimumLevel(LogLevel.Trace);
        // A factory: the container owns the provider and disposes it (a last flush) when the host ends.
        logging.Services.AddSingleton<ILoggerProvider>(_ => new DaemonLoggerProvider(Console.Out, formatter, levelSwitch, TimeProvider.System));
        logging.Services.AddSingleton(levelSwitch);
        return logging;
    }
}
