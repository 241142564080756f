// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.HostSimulator.Bench;

/// <summary>The measurements for one pool size (one fresh daemon process).</summary>
/// <param name="PoolSize">Records prefilled into pool 0.</param>
/// <param name="StartToRegistrationMs">From Process.Start to the registration datagram.</param>
/// <param name="SetPerSecond">Round trips per second of SET overwriting existing keys.</param>
/// <param name="GetPerSecond">Round trips per second of GET of existing keys.</param>
/// <param name="EnumeratePerSecond">Round trips per second of ENUMERATE over indexes 0..N-1.</param>
/// <param name="PeakRssKiB">VmHWM of the daemon at the end, or null where unavailable.</param>
/// <param name="IpInfoMedianMs">Median GET_IP_INFO round trip over the samples, when requested.</param>
internal sealed record BenchResult(
    int PoolSize,
    double StartToRegistrationMs,
    double SetPerSecond,
    double GetPerSecond,
    double EnumeratePerSecond,
    long? PeakRssKiB,
    double? IpInfoMedianMs);
