// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace KvpDaemon.Systemd;

/// <summary>
/// What the journal output template needs and Serilog does not provide: the syslog priority journald parses from the
/// <c>&lt;N&gt;</c> prefix of a service's output line (<c>&lt;3&gt;</c> error ... <c>&lt;7&gt;</c> debug; sd-daemon(3)),
/// and the exception on the same line, because journald makes a record of every line.
/// </summary>
internal sealed class JournalPriorityEnricher : ILogEventEnricher
{
    public const string PriorityProperty = "SyslogPriority";

    public const string ExceptionProperty = "OneLineException";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        logEvent.AddOrUpdateProperty(new LogEventProperty(PriorityProperty, new ScalarValue(Priority(logEvent.Level))));
        if (logEvent.Exception is { } exception)
        {
            var text = ": " + exception.ToString().ReplaceLineEndings(" ");
            logEvent.AddOrUpdateProperty(new LogEventProperty(ExceptionProperty, new ScalarValue(text)));
        }
    }

    /// <summary>syslog priorities: 2 critical, 3 error, 4 warning, 6 informational, 7 debug.</summary>
    public static string Priority(LogEventLevel level) => (level switch
    {
        LogEventLevel.Fatal => 2,
        LogEventLevel.Error => 3,
        LogEventLevel.Warning => 4,
        LogEventLevel.Information => 6,
        _ => 7,
    }).ToString(CultureInfo.InvariantCulture);
}
