// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Hosting;

/// <summary>
/// For a terminal, a file or daemon(8)'s output: <c>2026-12-03 08:43:01.002 [INF] message</c>, local time to the
/// millisecond, then the exception, if any, as .NET prints it, on the lines that follow.
/// </summary>
internal sealed class TimestampedLineFormatter : ILogLineFormatter
{
    public void Write(TextWriter output, DateTimeOffset time, LogLevel level, string message, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        output.Write(time.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture));
        output.Write(" [");
        output.Write(Abbreviation(level));
        output.Write("] ");
        output.Write(message);
        output.Write('\n');
        if (exception is not null)
        {
            output.Write(exception.ToString().ReplaceLineEndings("\n"));
            output.Write('\n');
        }
    }

    /// <summary>Three letters per level, as syslog-style tools and earlier releases of the daemon print them.</summary>
    public static string Abbreviation(LogLevel level) => level switch
    {
        LogLevel.Trace => "VRB",
        LogLevel.Debug => "DBG",
        LogLevel.Information => "INF",
        LogLevel.Warning => "WRN",
        LogLevel.Error => "ERR",
        _ => "FTL",
    };
}
