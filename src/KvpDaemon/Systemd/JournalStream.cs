// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using KvpDaemon.Platform;
using Microsoft.Win32.SafeHandles;

namespace KvpDaemon.Systemd;

/// <summary>
/// Whether standard output is connected to the journal: systemd sets <c>$JOURNAL_STREAM</c> to the "device:inode" of
/// the stream it connected (systemd.exec(5)), and it still is ours only if stdout has that identity.
/// </summary>
internal static class JournalStream
{
    public static bool IsStandardOutput(KvpDialect dialect, string? journalStream)
    {
        if (journalStream?.Split(':') is not [var device, var inode] ||
            !ulong.TryParse(device, NumberStyles.None, CultureInfo.InvariantCulture, out var expectedDevice) ||
            !ulong.TryParse(inode, NumberStyles.None, CultureInfo.InvariantCulture, out var expectedInode))
        {
            return false;
        }

        try
        {
            using var stdout = new SafeFileHandle(1, ownsHandle: false);
            var identity = dialect.StatHandle(stdout);
            return identity.Device == expectedDevice && identity.Inode == expectedInode;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
