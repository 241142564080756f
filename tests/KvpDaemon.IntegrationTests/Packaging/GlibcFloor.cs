// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// The oldest glibc a set of ELF files runs on: the highest GLIBC_x.y version among the undefined symbols of their
/// dynamic symbol tables (<c>objdump -T</c>). Computed here independently of packaging/lib/distros.sh, which the
/// package builds use, so the tests check the builds' figure rather than repeat it.
/// </summary>
internal static partial class GlibcFloor
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);
    private static readonly ConcurrentDictionary<string, Lazy<string>> Payloads = new(StringComparer.Ordinal);

    /// <summary>The floor of every ELF file in the .deb of <paramref name="arch"/> (amd64 or arm64).</summary>
    public static string OfDebPayload(string arch) => Of(ElfFiles(DebPayload(arch)));

    /// <summary>The floor of every ELF file in the compat .deb of <paramref name="arch"/>.</summary>
    public static string OfCompatDebPayload(string arch) => Of(ElfFiles(CompatDebPayload(arch)));

    /// <summary>The .deb of <paramref name="arch"/>, extracted once per run.</summary>
    public static string DebPayload(string arch) => Extract("native-" + arch, () => PackageBuilds.Deb(arch));

    /// <summary>The compat .deb of <paramref name="arch"/> (build-deb.sh --flavour compat), extracted once per run.</summary>
    public static string CompatDebPayload(string arch) => Extract("compat-" + arch, () => PackageBuilds.CompatDeb(arch));

    private static string Extract(string key, Func<string> deb) =>
        Payloads.GetOrAdd(key, _ => new Lazy<string>(() =>
        {
            var root = PackageBuilds.Scratch("payload-" + key);
            var result = PackagingTools.Run("dpkg-deb", ["-x", deb(), root], RunTimeout);
            result.ExitCode.Should().Be(0, "dpkg-deb -x: {0}", result);
            return root;
        })).Value;

    /// <summary>Every regular file under <paramref name="root"/> that starts with the ELF magic.</summary>
    public static IReadOnlyList<string> ElfFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(file => new FileInfo(file).LinkTarget is null)
            .Where(IsElf)
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>The floor as "major.minor[.patch]"; fails when no file imports a versioned glibc symbol.</summary>
    public static string Of(IEnumerable<string> elfFiles)
    {
        var versions = elfFiles.SelectMany(Imports).ToArray();
        versions.Should().NotBeEmpty("the binaries import versioned glibc symbols");
        return versions.Max()!.ToString();
    }

    /// <summary>The GLIBC_ versions of the undefined dynamic symbols of one ELF file.</summary>
    public static IEnumerable<Version> Imports(string elf) =>
        Objdump("-T", elf)
            .Where(line => line.Contains("*UND*", StringComparison.Ordinal))
            .Select(line => GlibcVersion().Match(line))
            .Where(match => match.Success)
            .Select(match => Version.Parse(match.Groups[1].Value))
            .ToArray();

    /// <summary>The shared libraries one ELF file loads: its DT_NEEDED sonames (<c>objdump -p</c>).</summary>
    public static IReadOnlyList<string> Needed(string elf) =>
        Objdump("-p", elf)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields is ["NEEDED", _])
            .Select(fields => fields[1])
            .ToArray();

    private static string[] Objdump(string option, string elf)
    {
        foreach (var objdump in new[] { "objdump", "aarch64-linux-gnu-objdump" })
        {
            if (PackagingTools.Find(objdump) is null)
            {
                continue;
            }

            var result = PackagingTools.Run(objdump, [option, elf], RunTimeout);
            if (result.ExitCode == 0)
            {
                return result.Output.Split('\n');
            }

            // Debian's objdump reads only its own architecture; the cross one reads arm64.
        }

        throw new InvalidOperationException($"No objdump here reads {elf}.");
    }

    private static bool IsElf(string file)
    {
        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(file);
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("\u007fELF"u8);
    }

    [GeneratedRegex(@"\bGLIBC_(\d+\.\d+(?:\.\d+)?)\b")]
    private static partial Regex GlibcVersion();
}
