// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// The <c>open(2)</c> flags. Only the access modes are the same on Linux and FreeBSD (O_RDONLY 0, O_RDWR 2);
        /// O_CREAT, O_EXCL, O_CLOEXEC and O_NOFOLLOW differ, so each dialect names its own values of this type
        /// (docs/contributing.md rule 6).
        /// </summary>
        [Flags]
        internal enum OpenFlags
        {
            O_RDONLY = 0x0,
            O_RDWR = 0x2,
        }

        /// <summary>
        /// <c>int open(const char *path, int flags, ...)</c>: the new descriptor, owned by the returned handle, or an
        /// invalid handle with errno. Returning the handle from the import leaves no moment at which a descriptor is
        /// owned by nobody. Used instead of <c>File.OpenHandle</c> because on Unix .NET holds a <c>flock(LOCK_SH)</c>
        /// for the lifetime of a handle opened for writing with sharing, which would block cloud-init's
        /// <c>flock(LOCK_EX)</c> appends to pool 1 forever. The mode is passed as the variadic third argument, which the
        /// x86-64 and AArch64 Linux/FreeBSD calling conventions pass like a fixed one.
        /// </summary>
        [LibraryImport(LibraryName, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial SafeFileHandle Open(string path, OpenFlags flags, int mode);
    }
}
