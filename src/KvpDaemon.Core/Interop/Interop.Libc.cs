// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

/// <summary>
/// Direct libc imports (<c>LibraryImport</c>), one native function per file, for what the BCL does not do
/// (docs/contributing.md rule 5). The design card names Mono.Posix.NETStandard for POSIX calls; it does not serve here,
/// so nothing uses it: 1.0.0 binds no <c>flock</c>, its <c>fcntl</c> knows no open-file-description locks, its native
/// helper (libMonoPosixHelper.so) ships for Linux, macOS and Windows only (not FreeBSD), and a NativeAOT binary, which is
/// what the Linux packages ship, cannot carry that helper inside it (docs/performance.md, "NativeAOT build").
/// </summary>
/// <remarks>
/// The style, the same in every file: a descriptor is a <see cref="SafeHandle"/> parameter, so the marshaller holds a
/// reference on it for the duration of the call (a concurrent Dispose cannot close it, or let the number be reused,
/// under the call); a flag set is a <c>[Flags]</c> enum when its values are the same on Linux and FreeBSD, and a pair
/// of named per-OS values in the dialects otherwise; a result is checked by value (<see cref="Libc.CheckIo(int, string)"/>),
/// never through a delegate, so a system call allocates nothing; EINTR is retried with <see cref="Libc.Interrupted"/> only
/// around the calls that can block.
/// </remarks>
internal static partial class Interop
{
    internal static partial class Libc
    {
        // errno values below 35 are the same on Linux (asm-generic/errno-base.h) and FreeBSD (sys/errno.h).
        public const int ENOENT = 2;
        public const int EINTR = 4;
        public const int EACCES = 13;
        public const int EEXIST = 17;

        private const string LibraryName = "libc";

        /// <summary>
        /// True when a call returned -1 with EINTR: a signal arrived while it blocked and it should simply be made
        /// again. Read errno right after the call, before anything else can make a system call on this thread.
        /// </summary>
        public static bool Interrupted(nint result) => result == -1 && Marshal.GetLastPInvokeError() == EINTR;

        /// <summary>Returns <paramref name="result"/>, or throws an <see cref="IOException"/> with errno when it is -1.</summary>
        public static int CheckIo(int result, string what)
        {
            if (result == -1)
            {
                ThrowLastError(what);
            }

            return result;
        }

        /// <summary><see cref="CheckIo(int, string)"/> for the <c>ssize_t</c> results of read and write.</summary>
        public static nint CheckIo(nint result, string what)
        {
            if (result == -1)
            {
                ThrowLastError(what);
            }

            return result;
        }

        /// <summary>Throws the <see cref="IOException"/> of the errno the last import set.</summary>
        [DoesNotReturn]
        public static void ThrowLastError(string what) => throw CreateIOException(Marshal.GetLastPInvokeError(), what);

        public static IOException CreateIOException(int errno, string what) =>
            new($"{what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);

        /// <summary>The errno an <see cref="IOException"/> from <see cref="CheckIo(int, string)"/> carries.</summary>
        public static int ErrnoOf(IOException exception) => exception.HResult;
    }
}
