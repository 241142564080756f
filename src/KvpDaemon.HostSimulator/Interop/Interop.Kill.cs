// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace KvpDaemon.HostSimulator;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>SIGTERM: 15 on Linux and FreeBSD alike (signal(7), FreeBSD sys/signal.h).</summary>
        public const int SIGTERM = 15;

        /// <summary>
        /// kill(2): sends <paramref name="sig"/> to process <paramref name="pid"/> (0 only checks that it exists).
        /// Returns 0 on success, -1 with errno set: ESRCH (the process is gone), EPERM, EINVAL.
        /// </summary>
        [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static partial int Kill(int pid, int sig);
    }
}
