// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Runtime.Versioning;
using Mono.Unix.Native;

namespace KvpDaemon.AutoPool;

/// <summary>uname(2) on Linux, through Mono.Posix, which hides the glibc/musl <c>struct utsname</c> layout.</summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxUnameSource : IUnameSource
{
    public UnameInfo GetUname()
    {
        if (Syscall.uname(out var buffer) != 0)
        {
            throw new IOException($"uname: {Stdlib.GetLastError()}");
        }

        return new UnameInfo(buffer.sysname, buffer.nodename, buffer.release, buffer.version, buffer.machine);
    }
}
