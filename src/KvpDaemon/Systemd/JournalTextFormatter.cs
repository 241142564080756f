// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using KvpDaemon.Hosting;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Systemd;

/// <summary>
/// Writes one line per message with the syslog priority prefix journald parses from a service's standard output
/// (<c>&lt;3&gt;</c> error ... <c>&lt;7&gt;</c> debug; sd-daemon(3)). No timestamp: the journal keeps its own.
/// Modelled on the runtime's SystemdConsoleFormatter.
/// </summary>
internal sealed class JournalTextFormatter : ILogLineFormatter
{
    public void Write(TextWriter output, DateTimeOffset time, LogLevel level, string message, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        output.Write('<');
        output.Write(Priority(level).ToString(CultureInfo.InvariantCulture));
        output.Write('>');
        output.Write(OneLine(message));
        if (exception is not null)
        {
            output.Write(": ");
            output.Write(OneLine(exception.ToString()));
        }

        output.Write('\n');
    }

    /// <summary>syslog priorities: 2 critical, 3 error, 4 warning, 6 informational, 7 debug.</summary>
    public static int Priority(LogLevel level) => level switch
    {
        LogLevel.Critical => 2,
        LogLevel.Error => 3,
        LogLevel.Warning => 4,
        LogLevel.Information => 6,
        _ => 7,
    };

    // journald splits on newlines; keep each message one record.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
