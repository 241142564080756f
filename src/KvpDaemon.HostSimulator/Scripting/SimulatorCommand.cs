// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;

namespace KvpDaemon.HostSimulator.Scripting;

/// <summary>One parsed line of the simulator's operation language (<see cref="SimulatorCommandParser"/>).</summary>
internal abstract record SimulatorCommand;

/// <summary>A single request: get, set, delete, enum, get-ip-info, set-ip-info, op.</summary>
internal sealed record RequestCommand(KvpRequest Request) : SimulatorCommand;

/// <summary><c>enum-all POOL</c>: walk a pool from index 0 until a non-OK status.</summary>
internal sealed record EnumerateAllCommand(byte Pool) : SimulatorCommand;

/// <summary><c>disconnect</c>: close the connection, which the daemon sees as a device reset.</summary>
internal sealed record DisconnectCommand : SimulatorCommand;

/// <summary><c>wait-registration</c>: accept the daemon's next connection and its registration.</summary>
internal sealed record WaitRegistrationCommand : SimulatorCommand;
