// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// <c>ssize_t read(int fd, void *buf, size_t count)</c>: bytes read, 0 at end of file, or -1 with errno. For the
        /// Linux KVP device and pipes: <see cref="RandomAccess"/> refuses writes to descriptors that cannot seek, and a
        /// FileStream would track a position the device does not have.
        /// </summary>
        [LibraryImport(LibraryName, EntryPoint = "read", SetLastError = true)]
        public static unsafe partial nint Read(int fd, byte* buffer, nuint count);

        /// <summary><c>ssize_t write(int fd, const void *buf, size_t count)</c>: bytes written, or -1 with errno.</summary>
        [LibraryImport(LibraryName, EntryPoint = "write", SetLastError = true)]
        public static unsafe partial nint Write(int fd, byte* buffer, nuint count);

        /// <summary><c>ssize_t pread(int fd, void *buf, size_t count, off_t offset)</c>: bytes read, or -1 with errno.</summary>
        [LibraryImport(LibraryName, EntryPoint = "pread", SetLastError = true)]
        public static unsafe partial nint PRead(int fd, byte* buffer, nuint count, long offset);

        /// <summary><c>ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)</c>: bytes written, or -1.</summary>
        [LibraryImport(LibraryName, EntryPoint = "pwrite", SetLastError = true)]
        public static unsafe partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

        /// <summary>
        /// read(2), or pread(2) when <paramref name="offset"/> is given, into <paramref name="buffer"/>, retrying EINTR;
        /// an error becomes an <see cref="IOException"/>.
        /// </summary>
        public static unsafe int Read(Microsoft.Win32.SafeHandles.SafeFileHandle file, Span<byte> buffer, long? offset, string what)
        {
            ArgumentNullException.ThrowIfNull(file);
            var fd = (int)file.DangerousGetHandle();
            fixed (byte* pointer = buffer)
            {
                var start = pointer;
                var length = (nuint)buffer.Length;
                return CheckIo(() => (int)(offset is { } at ? PRead(fd, start, length, at) : Read(fd, start, length)), what);
            }
        }

        /// <summary>
        /// write(2), or pwrite(2) when <paramref name="offset"/> is given, of all of <paramref name="buffer"/> in one
        /// call; an error or a short write becomes an <see cref="IOException"/>.
        /// </summary>
        public static unsafe void Write(Microsoft.Win32.SafeHandles.SafeFileHandle file, ReadOnlySpan<byte> buffer, long? offset, string what)
        {
            ArgumentNullException.ThrowIfNull(file);
            var fd = (int)file.DangerousGetHandle();
            fixed (byte* pointer = buffer)
            {
                var start = pointer;
                var length = (nuint)buffer.Length;
                var written = CheckIo(() => (int)(offset is { } at ? PWrite(fd, start, length, at) : Write(fd, start, length)), what);
                if (written != buffer.Length)
                {
                    throw new IOException($"{what}: wrote {written} of {buffer.Length} bytes.");
                }
            }
        }
    }
}
