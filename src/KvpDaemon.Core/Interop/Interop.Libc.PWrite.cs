// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// <c>ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)</c>: bytes written, or -1 with errno.
        /// The FreeBSD KVP device is written at offset 0 (docs/protocol.md 2.6).
        /// </summary>
        [LibraryImport(LibraryName, EntryPoint = "pwrite", SetLastError = true)]
        public static unsafe partial nint PWrite(SafeHandle fd, byte* buffer, nuint count, long offset);
    }
}
