// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Collections.Concurrent;

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// The packages of this tree, built at most once per test run and architecture and shared by every packaging test
/// class: one publish per architecture (about 1.5 minutes on 2 cores each), the .rpm made from the .deb's payload
/// (build-rpm.sh --from-deb), so CI pays for no second publish. Kept in one temporary directory removed at exit.
/// </summary>
internal static class PackageBuilds
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);
    private static readonly string Directory = CreateDirectory();
    private static readonly ConcurrentDictionary<string, Lazy<string>> Builds = new(StringComparer.Ordinal);

    /// <summary>
    /// hypervkvpd_VERSION_ARCH.deb from packaging/build-deb.sh; or, when KVPD_TEST_DEB_DIR names a directory holding
    /// one, that one (for iterating on the tests without a publish each time; CI never sets it).
    /// </summary>
    public static string Deb(string arch) =>
        Get($"deb-{arch}", () => Prebuilt(arch) ?? Build("build-deb.sh", arch, "--arch", arch));

    /// <summary>hypervkvpd-VERSION-1.RPMARCH.rpm from packaging/build-rpm.sh --from-deb (the .deb's payload).</summary>
    public static string Rpm(string arch) =>
        Get($"rpm-{arch}", () => Build("build-rpm.sh", arch, "--from-deb", Deb(arch)));

    /// <summary>A new empty directory under the shared one.</summary>
    public static string Scratch(string name) =>
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "scratch", name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    private static string? Prebuilt(string arch) =>
        Environment.GetEnvironmentVariable("KVPD_TEST_DEB_DIR") is { Length: > 0 } directory && System.IO.Directory.Exists(directory)
            ? System.IO.Directory.GetFiles(directory, $"hypervkvpd_*_{arch}.deb").SingleOrDefault()
            : null;

    private static string Get(string key, Func<string> build) =>
        Builds.GetOrAdd(key, _ => new Lazy<string>(build, LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static string Build(string script, string arch, params string[] arguments)
    {
        var output = Path.Combine(Directory, arch);
        var result = PackagingTools.Run(
            "sh",
            [Path.Combine(PackagingTools.RepositoryRoot, "packaging", script), "--output", output, .. arguments],
            BuildTimeout);
        result.ExitCode.Should().Be(0, "{0} must succeed: {1}", script, result);
        var package = result.Output.Trim();
        File.Exists(package).Should().BeTrue("{0} prints the path of the package it built: {1}", script, result);
        return package;
    }

    private static string CreateDirectory()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("kvpd-packages-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temporary directory left behind is harmless.
            }
        };
        return directory;
    }
}
