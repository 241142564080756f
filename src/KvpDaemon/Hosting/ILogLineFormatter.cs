// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace KvpDaemon.Hosting;

/// <summary>Writes one log message as the output wants it, ending with '\n'.</summary>
internal interface ILogLineFormatter
{
    void Write(TextWriter output, DateTimeOffset time, LogLevel level, string message, Exception? exception);
}
