// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace KvpDaemon.HostSimulator;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>LOCK_EX = 2 and LOCK_UN = 8 in both Linux asm-generic/fcntl.h and FreeBSD sys/fcntl.h.</summary>
        public const int LOCK_EX = 2;

        /// <inheritdoc cref="LOCK_EX"/>
        public const int LOCK_UN = 8;

        /// <summary>EINTR = 4 in both Linux asm-generic/errno-base.h and FreeBSD sys/errno.h.</summary>
        public const int EINTR = 4;

        /// <summary>
        /// flock(2), on Linux and FreeBSD alike: Mono.Posix.NETStandard 1.0.0 binds fcntl locks but not flock.
        /// Returns 0 on success, -1 with errno set: EBADF, EINVAL, EOPNOTSUPP, EWOULDBLOCK (only with LOCK_NB), EINTR.
        /// </summary>
        [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
        public static partial int Flock(SafeFileHandle fd, int operation);
    }
}
