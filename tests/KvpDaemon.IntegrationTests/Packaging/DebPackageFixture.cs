// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// Builds the .deb once per test run (packaging/build-deb.sh takes a minute or two) and extracts it. Built on first
/// use, not in the constructor, so that a run where every package test is skipped builds nothing.
/// </summary>
public sealed class DebPackageFixture : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kvpd-deb-").FullName;
    private readonly Lazy<string> _package;
    private readonly Lazy<string> _extracted;

    public DebPackageFixture()
    {
        _package = new Lazy<string>(Build);
        _extracted = new Lazy<string>(Extract);
    }

    /// <summary>The built hypervkvpd_VERSION_amd64.deb.</summary>
    public string PackagePath => _package.Value;

    /// <summary>The package's payload, extracted with dpkg-deb -x.</summary>
    public string ExtractedRoot => _extracted.Value;

    /// <summary>A scratch directory removed with the fixture.</summary>
    public string ScratchDirectory => Directory.CreateDirectory(Path.Combine(_directory, "scratch")).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    // Shared with the other packaging tests (RPM, nspawn, glibc floor): one publish per run.
    private static string Build() => PackageBuilds.Deb("amd64");

    private string Extract()
    {
        var root = Path.Combine(_directory, "root");
        var result = PackagingTools.Run("dpkg-deb", ["-x", PackagePath, root], TimeSpan.FromMinutes(2));
        result.ExitCode.Should().Be(0, "dpkg-deb -x: {0}", result);
        return root;
    }
}
