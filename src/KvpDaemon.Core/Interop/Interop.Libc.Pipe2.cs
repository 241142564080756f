// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// <c>int pipe2(int fildes[2], int flags)</c> (glibc, musl, FreeBSD 10+): 0 or -1. Not <c>pipe</c>, whose
        /// descriptors would leak into the helper scripts the daemon runs; pipe2 sets O_CLOEXEC atomically. The two
        /// descriptors come back as raw ints (an array cannot be returned as handles): the caller wraps them at once.
        /// </summary>
        [LibraryImport(LibraryName, EntryPoint = "pipe2", SetLastError = true)]
        public static partial int Pipe2(Span<int> fds, OpenFlags flags);
    }
}
