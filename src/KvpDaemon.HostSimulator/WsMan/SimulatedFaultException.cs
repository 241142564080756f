// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.HostSimulator.WsMan;

/// <summary>A request the simulated host answers with a SOAP fault (subcode and reason text).</summary>
internal sealed class SimulatedFaultException(string subcode, string reason) : Exception(reason)
{
    /// <summary>The fault's subcode, a QName such as <c>w:CannotProcessFilter</c>.</summary>
    public string Subcode { get; } = subcode;
}
