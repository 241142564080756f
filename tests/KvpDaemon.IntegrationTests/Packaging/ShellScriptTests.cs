// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// Every shell script under packaging/ parses with a POSIX shell (`sh -n`): Debian's dash here, and FreeBSD's sh runs
/// the rc.d script and the wrappers, so no bash syntax is allowed.
/// </summary>
public sealed class ShellScriptTests
{
    public static TheoryData<string> Scripts() => new(ScriptPaths());

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_ShDashN_Parses(string script)
    {
        var result = PackagingTools.Run(
            "sh", ["-n", Path.Combine(PackagingTools.RepositoryRoot, "packaging", script)], TimeSpan.FromMinutes(1));

        result.ExitCode.Should().Be(0, "{0}", result);
    }

    [Fact]
    public void Scripts_IncludeTheBuildScriptsAndTheFreeBsdRcScript()
    {
        ScriptPaths().Should().Contain(new[]
        {
            "build-deb.sh", "build-tarball.sh", "build-freebsd-pkg.sh", "tarball/install.sh",
            Path.Combine("freebsd", "rc.d", "hypervkvpd"), Path.Combine("debian", "postinst"),
        });
    }

    private static IEnumerable<string> ScriptPaths()
    {
        var packaging = Path.Combine(PackagingTools.RepositoryRoot, "packaging");
        foreach (var file in Directory.EnumerateFiles(packaging, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(file);
            var first = reader.ReadLine() ?? string.Empty;
            if (file.EndsWith(".sh", StringComparison.Ordinal) || first.StartsWith("#!/bin/sh", StringComparison.Ordinal))
            {
                yield return Path.GetRelativePath(packaging, file);
            }
        }
    }
}
