// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Transport;

/// <summary>A registration with the kernel completed (<see cref="KvpChannel.Registered"/>).</summary>
internal sealed class KvpRegisteredEventArgs(string? version) : EventArgs
{
    /// <summary>The version the Linux kernel sent in its registration reply ("3.1"); null on FreeBSD, which sends none.</summary>
    public string? Version { get; } = version;
}
