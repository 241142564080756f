// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// Builds the .deb once per test run (packaging/build-deb.sh takes a minute or two) and extracts it. Built on first
/// use, not in the constructor, so that a run where every package test is skipped builds nothing.
/// </summary>
public sealed class DebPackageFixture : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
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

    private string Build()
    {
        var output = Path.Combine(_directory, "out");
        var result = PackagingTools.Run(
            "sh",
            [Path.Combine(PackagingTools.RepositoryRoot, "packaging", "build-deb.sh"), "--output", output, "--arch", "amd64"],
            BuildTimeout);
        result.ExitCode.Should().Be(0, "build-deb.sh must succeed: {0}", result);
        var package = result.Output.Trim();
        File.Exists(package).Should().BeTrue("build-deb.sh prints the path of the package it built: {0}", result);
        return package;
    }

    private string Extract()
    {
        var root = Path.Combine(_directory, "root");
        var result = PackagingTools.Run("dpkg-deb", ["-x", PackagePath, root], TimeSpan.FromMinutes(2));
        result.ExitCode.Should().Be(0, "dpkg-deb -x: {0}", result);
        return root;
    }
}
