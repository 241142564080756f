// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace KvpDaemon.Intrinsic;

/// <summary>uname(2) on Linux, a direct import: <c>struct utsname</c> is the same in glibc and musl (Interop.Libc.LinuxUtsname in KvpDaemon.Core).</summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxUnameSource : IUnameSource
{
    public UnameInfo GetUname()
    {
        if (Interop.Libc.Linux.Uname(out var buffer) != 0)
        {
            throw Interop.Libc.CreateIOException(Marshal.GetLastPInvokeError(), "uname");
        }

        return new UnameInfo(buffer.Field(0), buffer.Field(1), buffer.Field(2), buffer.Field(3), buffer.Field(4));
    }
}
