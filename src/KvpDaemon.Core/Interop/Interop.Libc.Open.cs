// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// <c>int open(const char *path, int flags, ...)</c>. Returns a descriptor, or -1 with errno. Used instead of
        /// <c>File.OpenHandle</c> because on Unix .NET holds a <c>flock(LOCK_SH)</c> for the lifetime of a handle
        /// opened for writing with sharing, which would block cloud-init's <c>flock(LOCK_EX)</c> appends to pool 1
        /// forever. The mode is passed as the variadic third argument, which the x86-64 and AArch64 Linux/FreeBSD
        /// calling conventions pass like a fixed one.
        /// </summary>
        [LibraryImport(LibraryName, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Open(string path, int flags, int mode);
    }
}
