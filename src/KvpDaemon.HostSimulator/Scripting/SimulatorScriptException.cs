// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.HostSimulator.Scripting;

/// <summary>A line of the operation language that does not parse; the message says why and shows the usage.</summary>
internal sealed class SimulatorScriptException : FormatException
{
    public SimulatorScriptException()
    {
    }

    public SimulatorScriptException(string message)
        : base(message)
    {
    }

    public SimulatorScriptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
