// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;

namespace KvpDaemon.Hosting;

/// <summary>
/// The daemon's log level, one for every logger, in the terms of the <c>LogLevel</c> setting: it drives Serilog's
/// <see cref="LoggingLevelSwitch"/> (<see cref="Serilog"/>), which the logger reads on each message, and
/// <see cref="ConfigurationReloader"/> changes it on SIGHUP. <see cref="LogLevel.None"/> still lets
/// <see cref="LogLevel.Critical"/> through: a daemon about to fail should say why. Only named levels are taken
/// (<see cref="TryParse"/>).
/// </summary>
internal sealed class LogLevelSwitch
{
    private volatile int _minimum;

    public LogLevelSwitch(LogLevel minimum = LogLevel.Information) => Minimum = minimum;

    /// <summary>The switch the Serilog pipeline is built with (<see cref="KvpDaemonLogging"/>).</summary>
    public LoggingLevelSwitch Serilog { get; } = new();

    public LogLevel Minimum
    {
        get => (LogLevel)_minimum;
        set
        {
            _minimum = Math.Clamp((int)value, (int)LogLevel.Trace, (int)LogLevel.Critical);
            Serilog.MinimumLevel = ToSerilog(Minimum);
        }
    }

    public bool IsEnabled(LogLevel level) => level != LogLevel.None && level >= Minimum;

    /// <summary>
    /// The <c>LogLevel</c> setting: a level's name in any case, or its number, as long as it names a level ("7" and
    /// "Warning,Error" do not). The one parse the option check, the logger set-up and a reload share.
    /// </summary>
    public static bool TryParse(string? text, out LogLevel level) =>
        Enum.TryParse(text, ignoreCase: true, out level) && Enum.IsDefined(level);

    /// <summary>The Serilog level of a Microsoft.Extensions.Logging level, as Serilog's own logger provider maps them.</summary>
    public static LogEventLevel ToSerilog(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };
}
