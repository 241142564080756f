// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>SIGTERM: 15 on Linux and FreeBSD alike (signal(7), FreeBSD sys/signal.h).</summary>
        public const int SIGTERM = 15;

        /// <summary>SIGINT: 2 on Linux and FreeBSD alike (signal(7), FreeBSD sys/signal.h).</summary>
        public const int SIGINT = 2;

        /// <summary>SIGKILL: 9 on Linux and FreeBSD alike; sent to a helper's whole process group on timeout.</summary>
        public const int SIGKILL = 9;

        /// <summary>SIGHUP: 1 on Linux and FreeBSD alike; hypervkvpd reloads its configuration on it.</summary>
        public const int SIGHUP = 1;

        /// <summary>
        /// <c>int kill(pid_t pid, int sig)</c>: 0, or -1 with errno (ESRCH: no such process; EPERM; EINVAL). Signal 0
        /// only checks that the process exists. .NET's Process.Kill sends SIGKILL only; a graceful stop needs SIGTERM.
        /// </summary>
        [LibraryImport(LibraryName, EntryPoint = "kill", SetLastError = true)]
        public static partial int Kill(int pid, int signal);
    }
}
