// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// The glibc floor of each Linux artefact, measured from its binaries with <c>objdump -T</c>
/// (<see cref="GlibcFloor"/>), is what its metadata depends on and what packaging/README.md states; the libraries the
/// binaries load (<c>objdump -p</c> NEEDED) are what the metadata requires beyond glibc. The native (NativeAOT)
/// artefacts are linked on the build machine and need its glibc's newer symbols (2.34 on Debian 12); the compat
/// flavour (self-contained single files) must run on RHEL 8's glibc 2.28.
/// </summary>
public sealed class GlibcFloorTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    /// <summary>RHEL 8's glibc, the oldest the compat flavour is for (packaging/README.md).</summary>
    private static readonly Version Rhel8Glibc = new(2, 28);

    [PackagingFact("objdump", "dpkg-deb", "dotnet", "clang", NeedsManPages = true)]
    public void NativeDeb_DependsOnLibc6AtTheMeasuredFloor_AndOnNoOtherLibrary()
    {
        var floor = GlibcFloor.OfDebPayload("amd64");

        // libc, libm and the loader are glibc; zlib and the C++ runtime are linked into the NativeAOT binaries.
        DebField(PackageBuilds.Deb("amd64"), "Depends").Should().Be($"libc6 (>= {floor}), procps");
    }

    [PackagingFact("objdump", "dpkg-deb", "dotnet", NeedsManPages = true)]
    public void CompatDeb_RunsOnRhel8Glibc_AndDependsOnWhatItsBinariesLoad()
    {
        var floor = GlibcFloor.OfCompatDebPayload("amd64");
        var needed = GlibcFloor.ElfFiles(GlibcFloor.CompatDebPayload("amd64")).SelectMany(GlibcFloor.Needed).ToHashSet();

        Version.Parse(floor).Should().BeLessThanOrEqualTo(Rhel8Glibc);
        var depends = DebField(PackageBuilds.CompatDeb("amd64"), "Depends");
        depends.Should().StartWith($"libc6 (>= {floor})").And.EndWith(", procps");
        if (needed.Contains("libstdc++.so.6"))
        {
            depends.Should().Contain("libstdc++6");
        }

        if (needed.Contains("libgcc_s.so.1"))
        {
            depends.Should().Contain("libgcc-s1 | libgcc1");
        }
    }

    [PackagingFact("rpm", "rpmbuild", "objdump", "dpkg-deb", "dotnet", NeedsManPages = true)]
    public void CompatRpm_RequiresTheMeasuredGlibcAndEveryOtherLibraryItsBinariesLoad()
    {
        var payload = GlibcFloor.CompatDebPayload("amd64");
        string[] glibc = ["libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "ld-linux-x86-64.so.2"];
        var libraries = GlibcFloor.ElfFiles(payload).SelectMany(GlibcFloor.Needed).Distinct().Except(glibc)
            .Select(soname => soname + "()(64bit)");

        var requires = PackagingTools.Run("rpm", ["-qp", "--requires", PackageBuilds.CompatRpm("amd64")], RunTimeout).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(PackagingTools.IsLibraryRequire);

        requires.Should().BeEquivalentTo([$"glibc >= {GlibcFloor.OfCompatDebPayload("amd64")}", .. libraries]);
        Path.GetFileName(PackageBuilds.CompatRpm("amd64")).Should().StartWith("hypervkvpd-compat-").And.EndWith(".x86_64.rpm");
    }

    [PackagingFact("objdump", "dpkg-deb", "dotnet", NeedsManPages = true)]
    public void CompatDaemon_Runs_AndWhatItUnpacksNeedsNoNewerGlibc()
    {
        // A single-file program may unpack bundled native libraries at first start; objdump -T of the bundle sees
        // only the host ELF, so run it once and measure whatever it unpacked too.
        var bundle = PackageBuilds.Scratch("bundle");
        var daemon = Path.Combine(GlibcFloor.CompatDebPayload("amd64"), "usr", "sbin", "hypervkvpd");
        var result = PackagingTools.Run(daemon, ["--version"], RunTimeout, new Dictionary<string, string> { ["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = bundle });
        result.ExitCode.Should().Be(0, "{0}", result);

        var floor = Version.Parse(GlibcFloor.OfCompatDebPayload("amd64"));
        foreach (var library in GlibcFloor.ElfFiles(bundle))
        {
            GlibcFloor.Imports(library).Should().OnlyContain(version => version <= floor, "{0} is loaded by the daemon", library);
        }
    }

    [PackagingFact("objdump", "dpkg-deb", "dotnet", "clang", NeedsManPages = true)]
    public void Readme_StatesTheMeasuredFloorOfEveryX64Artefact()
    {
        var native = GlibcFloor.OfDebPayload("amd64");
        var compat = GlibcFloor.OfCompatDebPayload("amd64");

        ReadmeFloor("hypervkvpd_V_amd64.deb").Should().Be(native);
        ReadmeFloor("hypervkvpd-V-1.x86_64.rpm").Should().Be(native, "the RPM holds the .deb's payload");
        ReadmeFloor("hypervkvpd-V-linux-amd64.tar.gz").Should().Be(native, "the tarball holds the .deb's payload");
        ReadmeFloor("hypervkvpd-compat_V_amd64.deb").Should().Be(compat);
        ReadmeFloor("hypervkvpd-compat-V-1.x86_64.rpm").Should().Be(compat, "the RPM holds the compat .deb's payload");
        ReadmeFloor("hypervkvpd-V-linux-amd64-compat.tar.gz").Should().Be(compat, "the tarball holds the compat payload");
    }

    [PackagingFact("aarch64-linux-gnu-objdump", "dpkg-deb", "dotnet", "clang", "ld.lld", "aarch64-linux-gnu-gcc", NeedsManPages = true)]
    public void Readme_StatesTheMeasuredFloorOfEveryArm64Artefact()
    {
        var floor = GlibcFloor.OfDebPayload("arm64");

        DebField(PackageBuilds.Deb("arm64"), "Depends").Should().Be($"libc6 (>= {floor}), procps");
        ReadmeFloor("hypervkvpd_V_arm64.deb").Should().Be(floor);
        ReadmeFloor("hypervkvpd-V-1.aarch64.rpm").Should().Be(floor);
        ReadmeFloor("hypervkvpd-V-linux-arm64.tar.gz").Should().Be(floor, "the tarball holds the .deb's payload");
    }

    /// <summary>The glibc column of the artefact's row in packaging/README.md's table ("| `NAME` | arch | floor |").</summary>
    private static string ReadmeFloor(string artefact)
    {
        var readme = File.ReadAllLines(Path.Combine(PackagingTools.RepositoryRoot, "packaging", "README.md"));
        var row = readme.SingleOrDefault(line => line.StartsWith($"| `{artefact}` |", StringComparison.Ordinal));
        row.Should().NotBeNull("packaging/README.md has a row for {0}", artefact);
        var match = Regex.Match(row!, @"^\|[^|]+\|[^|]+\|\s*([0-9.]+)\s*\|");
        match.Success.Should().BeTrue("the third column is the glibc floor: {0}", row);
        return match.Groups[1].Value;
    }

    private static string DebField(string deb, string field)
    {
        var result = PackagingTools.Run("dpkg-deb", ["-f", deb, field], RunTimeout);
        result.ExitCode.Should().Be(0, "{0}", result);
        return result.Output.Trim();
    }
}
