// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// <c>ssize_t read(int fd, void *buf, size_t count)</c>: bytes read, 0 at end of file, or -1 with errno. For the
        /// Linux KVP device and pipes: <see cref="RandomAccess"/> refuses descriptors that cannot seek, and a
        /// FileStream would track a position the device does not have.
        /// </summary>
        [LibraryImport(LibraryName, EntryPoint = "read", SetLastError = true)]
        public static unsafe partial nint Read(SafeHandle fd, byte* buffer, nuint count);

        /// <summary>
        /// read(2), or pread(2) when <paramref name="offset"/> is given, into <paramref name="buffer"/>, retrying EINTR
        /// (a read of the device blocks until the kernel has a message); an error becomes an <see cref="IOException"/>.
        /// </summary>
        public static unsafe int Read(SafeFileHandle file, Span<byte> buffer, long? offset, string what)
        {
            fixed (byte* start = buffer)
            {
                var length = (nuint)buffer.Length;
                nint result;
                do
                {
                    result = offset is { } at ? PRead(file, start, length, at) : Read(file, start, length);
                }
                while (Interrupted(result));

                return (int)CheckIo(result, what);
            }
        }
    }
}
