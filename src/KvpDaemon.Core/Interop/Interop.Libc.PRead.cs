// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// <c>ssize_t pread(int fd, void *buf, size_t count, off_t offset)</c>: bytes read, or -1 with errno. The FreeBSD
        /// KVP device is read at offset 0 (docs/protocol.md 2.6); <c>off_t</c> is 64 bits on both OSes' LP64 ABIs.
        /// </summary>
        [LibraryImport(LibraryName, EntryPoint = "pread", SetLastError = true)]
        public static unsafe partial nint PRead(SafeHandle fd, byte* buffer, nuint count, long offset);
    }
}
