// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// The <c>flock(2)</c> operations: the same values on Linux (asm-generic/fcntl.h) and FreeBSD (sys/fcntl.h).
        /// </summary>
        [Flags]
        internal enum LockOperations
        {
            LOCK_SH = 1,
            LOCK_EX = 2,

            /// <summary>With LOCK_SH or LOCK_EX: fail with EWOULDBLOCK instead of waiting.</summary>
            LOCK_NB = 4,
            LOCK_UN = 8,
        }

        /// <summary>
        /// <c>int flock(int fd, int operation)</c>, the BSD whole-file lock cloud-init and azure-init take around
        /// their pool-1 appends (docs/protocol.md section 7). Returns 0, or -1 with errno; without LOCK_NB it blocks,
        /// so EINTR is possible.
        /// </summary>
        [LibraryImport(LibraryName, EntryPoint = "flock", SetLastError = true)]
        public static partial int FLock(SafeHandle fd, LockOperations operation);
    }
}
