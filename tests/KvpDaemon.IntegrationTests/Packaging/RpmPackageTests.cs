// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// The RPM built by packaging/build-rpm.sh from the .deb's payload: paths and modes (<c>rpm -qlpv</c>), the
/// configuration as %config(noreplace), the scriptlets (<c>rpm -qp --scripts</c>), the dependencies and the relations
/// that replace EL's hypervkvpd and hyperv-daemons, and the packaged daemon run from <c>rpm2cpio | cpio</c>.
/// </summary>
public sealed class RpmPackageTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Every path the package must contain with its mode string; units and rules under /usr/lib.</summary>
    private static readonly Dictionary<string, string> ExpectedEntries = new(StringComparer.Ordinal)
    {
        ["/usr/sbin/hypervkvpd"] = "-rwxr-xr-x",
        ["/usr/bin/hvkvp"] = "-rwxr-xr-x",
        ["/usr/lib/hypervkvpd"] = "drwxr-xr-x",
        ["/usr/lib/hypervkvpd/scripts"] = "drwxr-xr-x",
        ["/usr/lib/hypervkvpd/scripts/hv_set_ifconfig"] = "-rwxr-xr-x",
        ["/usr/lib/systemd/system/hypervkvpd.service"] = "-rw-r--r--",
        ["/usr/lib/udev/rules.d/70-hypervkvpd.rules"] = "-rw-r--r--",
        ["/usr/lib/tmpfiles.d/hypervkvpd.conf"] = "-rw-r--r--",
        ["/etc/hypervkvpd"] = "drwxr-xr-x",
        ["/etc/hypervkvpd/hypervkvpd.json"] = "-rw-r--r--",
        ["/usr/share/man/man8/hypervkvpd.8.gz"] = "-rw-r--r--",
        ["/usr/share/man/man1/hvkvp.1.gz"] = "-rw-r--r--",
        ["/usr/share/doc/hypervkvpd/copyright"] = "-rw-r--r--",
    };

    [PackagingFact("rpm", "rpmbuild", "dpkg-deb", "dotnet", NeedsManPages = true)]
    public void Contents_EveryExpectedPath_HasItsModeAndRootOwner()
    {
        var entries = Query("-qlpv");

        foreach (var (path, mode) in ExpectedEntries)
        {
            entries.Should().ContainKey(path);
            entries[path].Mode.Should().Be(mode, "the mode of {0}", path);
        }

        entries.Values.Select(entry => entry.Owner).Should().OnlyContain(owner => owner == "root/root");
        entries.Keys.Should().NotContain(path => path.StartsWith("/lib/", StringComparison.Ordinal), "EL and SUSE keep units and rules in /usr/lib");
        // The pool files come from tmpfiles.d at run time and are shared: never package files (docs/compatibility.md E #12).
        entries.Keys.Should().NotContain(path => path.StartsWith("/var/lib/hyperv", StringComparison.Ordinal));
        entries.Keys.Should().NotContain(["/usr/sbin", "/usr/bin", "/usr/lib", "/etc"], "system directories belong to the filesystem package");
    }

    [PackagingFact("rpm", "rpmbuild", "dpkg-deb", "dotnet", NeedsManPages = true)]
    public void Configuration_IsConfigNoReplace()
    {
        var result = Rpm("-qp", "--qf", "[%{FILENAMES} %{FILEFLAGS:fflags}\n]", PackageBuilds.Rpm("amd64"));

        result.Output.Split('\n').Should().Contain("/etc/hypervkvpd/hypervkvpd.json cn", "c = %config, n = noreplace");
    }

    [PackagingFact("rpm", "rpmbuild", "rpm2cpio", "cpio", "dpkg-deb", "dotnet", NeedsManPages = true)]
    public void Payload_IsTheDebPayload_ByteForByte()
    {
        var extracted = Extract();
        foreach (var (rpmPath, debPath) in new[]
        {
            ("usr/sbin/hypervkvpd", "usr/sbin/hypervkvpd"),
            ("usr/bin/hvkvp", "usr/bin/hvkvp"),
            ("usr/lib/systemd/system/hypervkvpd.service", "lib/systemd/system/hypervkvpd.service"),
            ("usr/lib/udev/rules.d/70-hypervkvpd.rules", "lib/udev/rules.d/70-hypervkvpd.rules"),
            ("etc/hypervkvpd/hypervkvpd.json", "etc/hypervkvpd/hypervkvpd.json"),
        })
        {
            File.ReadAllBytes(Path.Combine(extracted, rpmPath)).Should().Equal(
                File.ReadAllBytes(Path.Combine(ExtractDeb(), debPath)), rpmPath);
        }
    }

    [PackagingFact("rpm", "rpmbuild", "dpkg-deb", "dotnet", NeedsManPages = true)]
    public void Metadata_RequiresTheMeasuredGlibcAndReplacesTheElDaemon()
    {
        var rpm = PackageBuilds.Rpm("amd64");
        var requires = Rpm("-qp", "--requires", rpm).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var obsoletes = Rpm("-qp", "--obsoletes", rpm).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var floor = GlibcFloor.OfDebPayload("amd64");

        // The NativeAOT payload loads libc, libm and the loader only: glibc is its one library requirement.
        PackagingTools.LibraryRequires(requires).Should().Equal($"glibc >= {floor}");
        obsoletes.Should().Contain("hyperv-daemons < 1").And.Contain("hypervkvpd < 0.1");
        Rpm("-qp", "--qf", "%{NAME} %{ARCH}", rpm).Output.Should().Be("hypervkvpd x86_64");
    }

    [PackagingFact("rpm", "rpmbuild", "dpkg-deb", "dotnet", NeedsManPages = true)]
    public void Scriptlets_HaveTheSystemdMacroSemanticsAndKeepThePoolFiles()
    {
        var scripts = Rpm("-qp", "--scripts", PackageBuilds.Rpm("amd64")).Output;

        scripts.Should().Contain("postinstall scriptlet").And.Contain("preuninstall scriptlet").And.Contain("postuninstall scriptlet");
        scripts.Should().Contain("systemd-tmpfiles --create /usr/lib/tmpfiles.d/hypervkvpd.conf")
            .And.Contain("systemctl daemon-reload")
            .And.Contain("udevadm trigger --action=change /dev/vmbus/hv_kvp")
            .And.Contain("systemctl --no-block start hypervkvpd.service")
            .And.Contain("systemctl --no-reload stop hypervkvpd.service")
            .And.Contain("systemctl --no-block try-restart hypervkvpd.service");
        Regex.IsMatch(scripts, @"\brm\s").Should().BeFalse("no scriptlet removes files; the pool files are never touched");
    }

    [PackagingFact("rpm", "rpmbuild", "rpm2cpio", "cpio", "dpkg-deb", "dotnet", NeedsManPages = true)]
    public void Daemon_FromRpm2Cpio_PrintsThePackageVersion()
    {
        var extracted = Extract();

        var result = PackagingTools.Run(Path.Combine(extracted, "usr", "sbin", "hypervkvpd"), ["--version"], RunTimeout);

        result.ExitCode.Should().Be(0, "{0}", result);
        result.Output.Trim().Should().StartWith(Rpm("-qp", "--qf", "%{VERSION}", PackageBuilds.Rpm("amd64")).Output);
    }

    private static ProcessResult Rpm(params string[] arguments)
    {
        var result = PackagingTools.Run("rpm", arguments, RunTimeout);
        result.ExitCode.Should().Be(0, "rpm {0}: {1}", string.Join(' ', arguments), result);
        return result;
    }

    private static string Extract()
    {
        var root = PackageBuilds.Scratch("rpm-root");
        var result = PackagingTools.Run(
            "sh", ["-c", "rpm2cpio \"$0\" | cpio -idm --quiet", PackageBuilds.Rpm("amd64")], RunTimeout, workingDirectory: root);
        result.ExitCode.Should().Be(0, "rpm2cpio | cpio: {0}", result);
        return root;
    }

    private static string ExtractDeb()
    {
        var root = PackageBuilds.Scratch("deb-root");
        PackagingTools.Run("dpkg-deb", ["-x", PackageBuilds.Deb("amd64"), root], RunTimeout).ExitCode.Should().Be(0);
        return root;
    }

    private static Dictionary<string, (string Mode, string Owner)> Query(string option)
    {
        var entries = new Dictionary<string, (string Mode, string Owner)>(StringComparer.Ordinal);
        foreach (var line in Rpm(option, PackageBuilds.Rpm("amd64")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "-rwxr-xr-x    1 root     root               17102589 Dec  6 23:59 /usr/sbin/hypervkvpd"
            var match = Regex.Match(line, @"^(\S+)\s+\d+\s+(\S+)\s+(\S+)\s+\d+\s+\S+\s+\S+\s+\S+\s+(/.*)$");
            match.Success.Should().BeTrue("an rpm -qlpv line: {0}", line);
            entries[match.Groups[4].Value] = (match.Groups[1].Value, match.Groups[2].Value + "/" + match.Groups[3].Value);
        }

        return entries;
    }
}
