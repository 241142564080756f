// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;

namespace KvpDaemon.HostSimulator.Simulation;

/// <summary>
/// The result of walking a pool with ENUMERATE from index 0: the items in index order, and the status that ended the
/// walk (HV_S_CONT at the end of a pool, docs/protocol.md 4.4; anything else is worth reporting).
/// </summary>
internal sealed record KvpEnumeration(IReadOnlyList<KvpEnumerateReply> Items, HvStatus EndStatus);
