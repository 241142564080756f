// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;

namespace KvpDaemon.Systemd;

/// <summary>
/// Writes one line per event with the syslog priority prefix journald parses from a service's standard output
/// (<c>&lt;3&gt;</c> error ... <c>&lt;7&gt;</c> debug; sd-daemon(3)). No timestamp: the journal keeps its own.
/// Modelled on the runtime's SystemdConsoleFormatter.
/// </summary>
internal sealed class JournalTextFormatter : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        output.Write('<');
        output.Write(Priority(logEvent.Level).ToString(CultureInfo.InvariantCulture));
        output.Write('>');
        output.Write(OneLine(logEvent.RenderMessage(CultureInfo.InvariantCulture)));
        if (logEvent.Exception is { } exception)
        {
            output.Write(": ");
            output.Write(OneLine(exception.ToString()));
        }

        output.Write('\n');
    }

    /// <summary>syslog priorities: 2 critical, 3 error, 4 warning, 6 informational, 7 debug.</summary>
    public static int Priority(LogEventLevel level) => level switch
    {
        LogEventLevel.Fatal => 2,
        LogEventLevel.Error => 3,
        LogEventLevel.Warning => 4,
        LogEventLevel.Information => 6,
        _ => 7,
    };

    // journald splits on newlines; keep each event one record.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
