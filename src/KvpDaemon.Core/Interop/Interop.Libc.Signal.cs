// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>SIG_DFL: the default disposition, the null handler on Linux and FreeBSD alike.</summary>
        public static readonly nint SIG_DFL = 0;

        /// <summary>SIG_IGN: the "ignore" disposition, handler value 1 on Linux and FreeBSD alike.</summary>
        public static readonly nint SIG_IGN = 1;

        /// <summary>
        /// <c>sighandler_t signal(int signum, sighandler_t handler)</c>: sets a signal's disposition and returns the
        /// previous one (SIG_ERR, -1, on failure). Only ever called with SIG_DFL or SIG_IGN, never with a managed
        /// handler: .NET's PosixSignalRegistration installs the real handler. The runtime leaves a signal alone when
        /// the process inherited it ignored, so a caller resets the disposition first (hypervkvpd's SIGHUP).
        /// </summary>
        [LibraryImport(LibraryName, EntryPoint = "signal", SetLastError = true)]
        public static partial nint Signal(int signum, nint handler);
    }
}
