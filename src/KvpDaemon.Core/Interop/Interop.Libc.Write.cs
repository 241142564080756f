// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary><c>ssize_t write(int fd, const void *buf, size_t count)</c>: bytes written, or -1 with errno.</summary>
        [LibraryImport(LibraryName, EntryPoint = "write", SetLastError = true)]
        public static unsafe partial nint Write(SafeHandle fd, byte* buffer, nuint count);

        /// <summary>
        /// write(2), or pwrite(2) when <paramref name="offset"/> is given, of all of <paramref name="buffer"/> in one
        /// call, retrying EINTR; an error or a short write becomes an <see cref="IOException"/>.
        /// </summary>
        public static unsafe void Write(SafeFileHandle file, ReadOnlySpan<byte> buffer, long? offset, string what)
        {
            fixed (byte* start = buffer)
            {
                var length = (nuint)buffer.Length;
                nint result;
                do
                {
                    result = offset is { } at ? PWrite(file, start, length, at) : Write(file, start, length);
                }
                while (Interrupted(result));

                var written = CheckIo(result, what);
                if (written != buffer.Length)
                {
                    throw new IOException($"{what}: wrote {written} of {buffer.Length} bytes.");
                }
            }
        }
    }
}
