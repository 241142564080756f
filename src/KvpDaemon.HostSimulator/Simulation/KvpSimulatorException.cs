// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.HostSimulator.Simulation;

/// <summary>
/// The daemon broke the transport contract the simulator enforces: a datagram of the wrong size, a first datagram that
/// is not the registration, or a connection closed while a reply was owed. The message says what was expected and what
/// arrived, so a failing test reads as a diagnosis.
/// </summary>
internal sealed class KvpSimulatorException : Exception
{
    public KvpSimulatorException()
    {
    }

    public KvpSimulatorException(string message)
        : base(message)
    {
    }

    public KvpSimulatorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
