// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// The <c>poll(2)</c> event bits: the same values on Linux (asm-generic/poll.h, glibc bits/poll.h) and
        /// FreeBSD (sys/poll.h).
        /// </summary>
        [Flags]
        internal enum PollEvents : short
        {
            POLLIN = 0x0001,
            POLLERR = 0x0008,
            POLLHUP = 0x0010,
            POLLNVAL = 0x0020,
        }

        /// <summary>
        /// <c>int poll(struct pollfd fds[], nfds_t nfds, int timeout)</c>: the count of ready entries, 0 on timeout,
        /// or -1 with errno (EINTR when a signal arrives while it waits; never restarted, whatever SA_RESTART says).
        /// One import for both OSes: <c>struct pollfd</c> is the same (<see cref="PollFd"/>), and <c>nfds_t</c>, an
        /// <c>unsigned long</c> in glibc and musl but an <c>unsigned int</c> in FreeBSD's sys/poll.h, is passed as a
        /// pointer-sized value: on x86-64 and AArch64 a 32-bit argument travels in the low half of a 64-bit register
        /// and the callee ignores the high half, so the small count arrives intact either way.
        /// </summary>
        [LibraryImport(LibraryName, EntryPoint = "poll", SetLastError = true)]
        public static partial int Poll(Span<PollFd> fds, nuint count, int timeoutMilliseconds);

        /// <summary>
        /// <c>struct pollfd</c>, the same on Linux and FreeBSD: <c>0 fd (4) | 4 events (2) | 6 revents (2)  = 8</c>.
        /// The descriptor is a raw int because the kernel reads an array of these structures; whoever fills one holds
        /// a reference on the handle for as long as the call runs (<c>DangerousAddRef</c>).
        /// </summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct PollFd
        {
            public int Fd;
            public PollEvents Events;
            public PollEvents Revents;
        }
    }
}
