// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// <c>uid_t geteuid(void)</c>: the effective user the pool files and directory must belong to. Cannot fail.
        /// The same import on both OSes.
        /// </summary>
        [LibraryImport(LibraryName, EntryPoint = "geteuid")]
        public static partial uint GetEUid();
    }
}
