// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        public const int LOCK_SH = 1;
        public const int LOCK_EX = 2;

        /// <summary>With LOCK_SH or LOCK_EX: fail with EWOULDBLOCK instead of waiting (flock(2)).</summary>
        public const int LOCK_NB = 4;
        public const int LOCK_UN = 8;

        /// <summary>
        /// <c>int flock(int fd, int operation)</c>, the BSD whole-file lock cloud-init and azure-init take around
        /// their pool-1 appends (docs/protocol.md section 7). Same values on Linux and FreeBSD. Returns 0, or -1 with errno.
        /// </summary>
        [LibraryImport(LibraryName, EntryPoint = "flock", SetLastError = true)]
        public static partial int FLock(int fd, int operation);
    }
}
