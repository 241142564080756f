// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Tests.Hardening;

/// <summary>Keeps every formatted message at every level, as a log line would show it.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public List<string> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        Lines.Add(formatter(state, exception));
    }
}
