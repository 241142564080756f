// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Intrinsic;
using Microsoft.Extensions.Logging.Abstractions;

namespace KvpDaemon.Tests.Intrinsic;

/// <summary>
/// The production sources against the machine running the tests: they prove the native bindings load (uname on
/// Linux, __xuname on FreeBSD) and the real resolver path answers a name. Values are machine-dependent, so only their
/// shape is checked.
/// </summary>
public sealed class ThisMachineTests
{
    [Fact]
    public void UnameSource_ThisMachine_ReportsTheKernel()
    {
        var uname = IUnameSource.ForCurrentOperatingSystem().GetUname();

        if (OperatingSystem.IsLinux())
        {
            uname.SysName.Should().Be("Linux");
            uname.Release.Should().Be(File.ReadAllText("/proc/sys/kernel/osrelease").Trim());
        }
        else if (OperatingSystem.IsFreeBSD())
        {
            uname.SysName.Should().Be("FreeBSD");
        }
        else
        {
            throw new PlatformNotSupportedException();
        }

        uname.Machine.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void FqdnSource_ThisMachine_AnswersANameNotAnErrorText()
    {
        var source = new FqdnSource(TimeProvider.System, NullLogger<FqdnSource>.Instance);

        var name = source.GetFullyQualifiedDomainName();

        name.Should().NotBeNullOrWhiteSpace().And.NotContain("failed").And.NotContain(" ");
    }

    [Fact]
    public void OsInfoReader_ThisMachine_FillsNameBuildAndArchitecture()
    {
        var info = new OsInfoReader(IUnameSource.ForCurrentOperatingSystem(), "/", NullLogger<OsInfoReader>.Instance)
            .ReadForCurrentOperatingSystem();

        info.OSName.Should().NotBeNullOrEmpty();
        info.OSBuildNumber.Should().NotBeNullOrEmpty();
        info.OSVersion.Should().NotContain("-");
        info.ProcessorArchitecture.Should().NotBeNullOrEmpty();
    }
}
