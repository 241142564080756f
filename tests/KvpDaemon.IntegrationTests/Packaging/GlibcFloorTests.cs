// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// The glibc floor of each Linux artefact, measured from its binaries with <c>objdump -T</c>
/// (<see cref="GlibcFloor"/>), is what its metadata depends on and what packaging/README.md states.
/// </summary>
public sealed class GlibcFloorTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    [PackagingFact("objdump", "dpkg-deb", "dotnet", NeedsManPages = true)]
    public void Deb_DependsOnLibc6AtTheMeasuredFloor()
    {
        var floor = GlibcFloor.OfDebPayload("amd64");

        DebField("amd64", "Depends").Should().Contain($"libc6 (>= {floor})");
    }

    [PackagingFact("objdump", "dpkg-deb", "dotnet", NeedsManPages = true)]
    public void BundledNativeLibraries_NeedNoNewerGlibcThanThePackageStates()
    {
        // A single-file program unpacks its bundled native libraries at first start; objdump -T of the bundle sees
        // only the host ELF, so run it once and measure what it unpacked. A NativeAOT program unpacks nothing.
        var bundle = PackageBuilds.Scratch("bundle");
        var daemon = Path.Combine(GlibcFloor.DebPayload("amd64"), "usr", "sbin", "hypervkvpd");
        PackagingTools.Run(daemon, ["--version"], RunTimeout, new Dictionary<string, string> { ["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = bundle })
            .ExitCode.Should().Be(0);

        var unpacked = GlibcFloor.ElfFiles(bundle);
        var floor = Version.Parse(GlibcFloor.OfDebPayload("amd64"));
        foreach (var library in unpacked)
        {
            GlibcFloor.Imports(library).Should().OnlyContain(version => version <= floor, "{0} is loaded by the daemon", library);
        }
    }

    [PackagingFact("objdump", "dpkg-deb", "dotnet", NeedsManPages = true)]
    public void Readme_StatesTheMeasuredFloorOfEveryX64Artefact()
    {
        var floor = GlibcFloor.OfDebPayload("amd64");

        ReadmeFloor("hypervkvpd_V_amd64.deb").Should().Be(floor);
        ReadmeFloor("hypervkvpd-V-1.x86_64.rpm").Should().Be(floor);
        ReadmeFloor("hypervkvpd-V-linux-amd64.tar.gz").Should().Be(floor, "the tarball holds the .deb's payload");
    }

    [PackagingFact("aarch64-linux-gnu-objdump", "dpkg-deb", "dotnet", NeedsManPages = true)]
    public void Readme_StatesTheMeasuredFloorOfEveryArm64Artefact()
    {
        var floor = GlibcFloor.OfDebPayload("arm64");

        DebField("arm64", "Depends").Should().Contain($"libc6 (>= {floor})");
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

    private static string DebField(string arch, string field)
    {
        var result = PackagingTools.Run("dpkg-deb", ["-f", PackageBuilds.Deb(arch), field], RunTimeout);
        result.ExitCode.Should().Be(0, "{0}", result);
        return result.Output.Trim();
    }
}
