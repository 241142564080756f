// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal static partial class Linux
        {
            /// <summary><c>int uname(struct utsname *buf)</c>: 0 or -1 with errno.</summary>
            [LibraryImport(LibraryName, EntryPoint = "uname", SetLastError = true)]
            public static partial int Uname(out LinuxUtsname buffer);
        }

        /// <summary><c>struct utsname</c>: sysname, nodename, release, version, machine, domainname; 65 bytes each.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public unsafe struct LinuxUtsname
        {
            public const int FieldLength = 65;

            public fixed byte Fields[FieldLength * 6];

            /// <summary>Field <paramref name="index"/> (0 sysname ... 4 machine), up to its NUL, as UTF-8.</summary>
            public readonly string Field(int index)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 5);
                fixed (byte* fields = Fields)
                {
                    var field = new ReadOnlySpan<byte>(fields + (index * FieldLength), FieldLength);
                    var end = field.IndexOf((byte)0);
                    return System.Text.Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
                }
            }
        }
    }
}
