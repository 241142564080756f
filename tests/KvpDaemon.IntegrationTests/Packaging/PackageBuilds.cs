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
    /// one, that one (the same for the compat .deb) (for iterating on the tests without a publish each time; CI never sets it).
    /// </summary>
    /// The amd64 .deb on an x86-64 machine takes the NativeAOT hypervkvpd and hvkvp that this test project's build
    /// already published (Infrastructure/NativeBinaries.targets) with build-deb.sh --prebuilt, so CI compiles them once.
    public static string Deb(string arch) =>
        Get($"deb-{arch}", () => Prebuilt($"hypervkvpd_*_{arch}.deb")
            ?? (TestsNativeBinaries(arch) is { } native
                ? Build("build-deb.sh", arch, "--arch", arch, "--prebuilt", native)
                : Build("build-deb.sh", arch, "--arch", arch)));

    /// <summary>
    /// hypervkvpd-compat_VERSION_ARCH.deb from packaging/build-deb.sh --flavour compat: the self-contained single-file
    /// build for guests older than glibc 2.34 (one publish of the daemon and the CLI, in a directory of its own).
    /// </summary>
    public static string CompatDeb(string arch) =>
        Get($"deb-compat-{arch}", () => Prebuilt($"hypervkvpd-compat_*_{arch}.deb") ?? Build("build-deb.sh", arch + "-compat", "--arch", arch, "--flavour", "compat"));

    /// <summary>hypervkvpd-compat-VERSION-1.RPMARCH.rpm from build-rpm.sh --from-deb of <see cref="CompatDeb"/>.</summary>
    public static string CompatRpm(string arch) =>
        Get($"rpm-compat-{arch}", () => Build("build-rpm.sh", arch + "-compat", "--from-deb", CompatDeb(arch), "--flavour", "compat"));

    /// <summary>hypervkvpd-VERSION-1.RPMARCH.rpm from packaging/build-rpm.sh --from-deb (the .deb's payload).</summary>
    public static string Rpm(string arch) =>
        Get($"rpm-{arch}", () => Build("build-rpm.sh", arch, "--from-deb", Deb(arch)));

    /// <summary>A new empty directory under the shared one.</summary>
    public static string Scratch(string name) =>
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "scratch", name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    private static string? Prebuilt(string pattern) =>
        Environment.GetEnvironmentVariable("KVPD_TEST_DEB_DIR") is { Length: > 0 } directory && System.IO.Directory.Exists(directory)
            ? System.IO.Directory.GetFiles(directory, pattern).SingleOrDefault()
            : null;

    /// <summary>
    /// The directory of the NativeAOT daemon and CLI next to the tests, when they are native programs of
    /// <paramref name="arch"/>; null when the tests run the apphosts (-p:KvpNativeTests=false) or another architecture.
    /// </summary>
    private static string? TestsNativeBinaries(string arch)
    {
        var machine = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture;
        if (!(arch == "amd64" && machine == System.Runtime.InteropServices.Architecture.X64)
            && !(arch == "arm64" && machine == System.Runtime.InteropServices.Architecture.Arm64))
        {
            return null;
        }

        var directory = AppContext.BaseDirectory;
        var native = new[] { "hypervkvpd", "hvkvp" }.All(program =>
        {
            var path = Path.Combine(directory, program);
            // An apphost names libhostfxr.so, the runtime it loads; a NativeAOT binary does not (build-deb.sh checks too).
            return File.Exists(path) && File.ReadAllBytes(path).AsSpan().IndexOf("libhostfxr.so"u8) < 0;
        });
        return native ? directory : null;
    }

    private static string Get(string key, Func<string> build) =>
        Builds.GetOrAdd(key, _ => new Lazy<string>(build, LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static string Build(string script, string outputName, params string[] arguments)
    {
        var output = Path.Combine(Directory, outputName);
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
