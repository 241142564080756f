// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Intrinsic;

namespace KvpDaemon.Tests.Intrinsic.Fakes;

internal sealed class FakeUnameSource(UnameInfo info) : IUnameSource
{
    public static readonly UnameInfo Linux = new("Linux", "vm1", "6.8.0-45-generic", "#45-Ubuntu SMP PREEMPT_DYNAMIC", "x86_64");

    public static readonly UnameInfo FreeBsd = new("FreeBSD", "vm1", "14.1-RELEASE-p3", "FreeBSD 14.1-RELEASE-p3 GENERIC", "amd64");

    public UnameInfo GetUname() => info;
}
