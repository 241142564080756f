// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// A fact that runs arm64 programs under qemu-user: skipped, with the reason, unless qemu-aarch64-static, Debian's arm64
/// loader and libc (multiarch: libc6:arm64; the NativeAOT binaries load nothing else), the arm64 NativeAOT cross
/// toolchain (clang, lld, the aarch64 cross GCC and libc), dpkg-deb and dotnet are installed (.ci/run installs them) and
/// the man pages the package build needs exist.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class QemuArm64FactAttribute : FactAttribute
{
    private static readonly string[] Tools =
        ["qemu-aarch64-static", "dpkg-deb", "dotnet", "clang", "ld.lld", "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-objcopy"];
    private static readonly string[] Libraries = ["/lib/ld-linux-aarch64.so.1", "/usr/aarch64-linux-gnu/lib/libc.so"];

    public QemuArm64FactAttribute()
    {
        var missing = Tools.Where(tool => PackagingTools.Find(tool) is null).Concat(Libraries.Where(library => !File.Exists(library))).ToArray();
        if (missing.Length > 0)
        {
            Skip = $"Not installed: {string.Join(", ", missing)} (see packaging/README.md, 'Tests').";
        }
        else if (!File.Exists(Path.Combine(PackagingTools.RepositoryRoot, "docs", "man", "hypervkvpd.8")))
        {
            Skip = "This tree has no docs/man/hypervkvpd.8 yet; the .deb cannot be built without it.";
        }
    }
}
