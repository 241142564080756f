// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

/// <summary>
/// Direct libc imports (<c>LibraryImport</c>), one native function per file, for what the BCL does not do. The design
/// card names Mono.Posix.NETStandard for POSIX calls; it does not serve here, so nothing uses it: 1.0.0 binds no
/// <c>flock</c>, its <c>fcntl</c> knows no open-file-description locks, its native helper (libMonoPosixHelper.so) ships
/// for Linux, macOS and Windows only (not FreeBSD), and a NativeAOT binary, which is what the Linux packages ship, cannot
/// carry that helper inside it (docs/performance.md, "NativeAOT build").
/// </summary>
internal static partial class Interop
{
    internal static partial class Libc
    {
        private const string LibraryName = "libc";

        private const int EINTR = 4;

        /// <summary>
        /// Converts a -1 result into an <see cref="IOException"/> carrying errno and the path or operation, retrying
        /// on EINTR (here and nowhere else, docs/contributing.md rule 5).
        /// </summary>
        public static int CheckIo(Func<int> call, string what)
        {
            ArgumentNullException.ThrowIfNull(call);
            while (true)
            {
                var result = call();
                if (result != -1)
                {
                    return result;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != EINTR)
                {
                    throw CreateIOException(errno, what);
                }
            }
        }

        /// <summary>
        /// <see cref="CheckIo(Func{int}, string)"/> for a static <paramref name="call"/> that gets its arguments in
        /// <paramref name="state"/>: the pool store locks and unlocks on every request, and a capturing lambda would
        /// allocate a closure and a delegate each time (docs/performance.md, "Memory").
        /// </summary>
        public static int CheckIo<TState>(Func<TState, int> call, TState state, string what)
            where TState : allows ref struct
        {
            ArgumentNullException.ThrowIfNull(call);
            while (true)
            {
                var result = call(state);
                if (result != -1)
                {
                    return result;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != EINTR)
                {
                    throw CreateIOException(errno, what);
                }
            }
        }

        public static IOException CreateIOException(int errno, string what) =>
            new($"{what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);

        /// <summary>The errno an <see cref="IOException"/> from <see cref="CheckIo"/> carries.</summary>
        public static int ErrnoOf(IOException exception) => exception?.HResult ?? 0;
    }
}
