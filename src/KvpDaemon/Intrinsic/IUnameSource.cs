// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Intrinsic;

/// <summary>uname(3), behind a seam so that the OS items can be tested with any kernel's answers.</summary>
internal interface IUnameSource
{
    /// <exception cref="IOException">uname failed.</exception>
    UnameInfo GetUname();

    /// <summary>The source for the operating system this process runs on.</summary>
    /// <exception cref="PlatformNotSupportedException">Neither Linux nor FreeBSD.</exception>
    static IUnameSource ForCurrentOperatingSystem()
    {
        if (OperatingSystem.IsLinux())
        {
            return new LinuxUnameSource();
        }

        if (OperatingSystem.IsFreeBSD())
        {
            return new FreeBsdUnameSource();
        }

        throw new PlatformNotSupportedException("uname is read on Linux and FreeBSD only.");
    }
}
