// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Hosting;

/// <summary>
/// Writes every logger's messages to one text writer (standard output), a whole line at a time, in the format the
/// output needs (<see cref="ILogLineFormatter"/>). The level is <see cref="LogLevelSwitch"/>'s, read per message.
/// Scopes and categories are not written; messages come from [LoggerMessage] methods and say what they are about.
/// </summary>
/// <remarks>
/// Our own provider rather than Serilog's: the daemon needs levels, one line per message and the journal's
/// priority prefix, and Serilog's pipeline cost about 12 ms of start-up before the first line (docs/performance.md).
/// </remarks>
internal sealed class DaemonLoggerProvider : ILoggerProvider
{
    private readonly TextWriter _output;
    private readonly ILogLineFormatter _formatter;
    private readonly LogLevelSwitch _level;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();

    public DaemonLoggerProvider(TextWriter output, ILogLineFormatter formatter, LogLevelSwitch level, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(formatter);
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(clock);
        _output = output;
        _formatter = formatter;
        _level = level;
        _clock = clock;
    }

    public ILogger CreateLogger(string categoryName) => new DaemonLogger(this);

    public void Dispose()
    {
        lock (_gate)
        {
            try
            {
                _output.Flush();
            }
            catch (IOException)
            {
                // As for a message: nothing to report it to.
            }
        }
    }

    private void Write(LogLevel level, string message, Exception? exception)
    {
        using var line = new StringWriter(CultureInfo.InvariantCulture);
        _formatter.Write(line, _clock.GetLocalNow(), level, message, exception);
        var text = line.ToString();
        lock (_gate)
        {
            _output.Write(text);
            _output.Flush();
        }
    }

    private sealed class DaemonLogger(DaemonLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => provider._level.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (!IsEnabled(logLevel))
            {
                return;
            }

            // Logging never fails its caller: a message that cannot be formatted or written (standard output on a
            // full disk, a terminal that hung up) is dropped. Request handlers log their own I/O errors, so throwing
            // here would turn one failed write into a failed request, or end the request loop.
            try
            {
                provider.Write(logLevel, formatter(state, exception), exception);
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                // Nowhere left to report it: standard output is where it would have gone.
            }
        }
    }
}
