// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Platform;

/// <summary>
/// What the pool store compares to decide whether a pool file changed since it last read it: the inode (a replaced
/// file), the size (an append or a truncation) and the modification and change times to the nanosecond (an in-place
/// rewrite). Equal identities mean "nothing to reload".
/// </summary>
internal readonly record struct FileIdentity(
    ulong Device,
    ulong Inode,
    long Size,
    long ModifiedSeconds,
    long ModifiedNanoseconds,
    long ChangedSeconds,
    long ChangedNanoseconds)
{
    public bool IsSameFile(FileIdentity other) => Device == other.Device && Inode == other.Inode;

    /// <summary>The modification time as a UTC date, at the 100 ns resolution <see cref="DateTime"/> has.</summary>
    public DateTime ModifiedUtc =>
        DateTime.UnixEpoch.AddTicks((ModifiedSeconds * TimeSpan.TicksPerSecond) + (ModifiedNanoseconds / 100));
}
