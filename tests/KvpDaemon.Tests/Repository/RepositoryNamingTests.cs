// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;

namespace KvpDaemon.Tests.Repository;

/// <summary>
/// Pool 2 has one name in the repository, "intrinsic" (docs/protocol.md 1.2): the headers' name for it appears only in
/// that section's table, and the older names of this project do not come back in code, logs or documents.
/// </summary>
public partial class RepositoryNamingTests
{
    /// <summary>Where the headers' name is allowed: the table that maps it to ours.</summary>
    private const string MappingDocument = "docs/protocol.md";

    private static readonly string[] Scanned = ["src", "tests", "docs", "packaging", ".ci"];

    [Fact]
    public void Repository_NamesPoolTwoOnlyIntrinsic()
    {
        var offences = TextFiles()
            .SelectMany(file => Offences(file, RepositoryFiles.Read(file)))
            .ToList();

        offences.Should().BeEmpty("pool 2 is \"intrinsic\" everywhere (docs/protocol.md 1.2)");
    }

    [Fact]
    public void Scan_FindsEachOldName()
    {
        // The names are assembled so that this file does not itself hold them.
        var text = string.Join('\n', "namespace KvpDaemon.Auto" + "Pool;", "case KvpPool.KVP_POOL_" + "AUTO:", "the Auto" + " pool (2)");

        Offences("src/Example.cs", text).Should().HaveCount(3);
        Offences(MappingDocument, text).Should().HaveCount(2, "the mapping table may name the header constant only");
        Offences("src/Example.cs", "KVP_POOL_" + "AUTO_EXTERNAL is pool 3").Should().BeEmpty();
    }

    [Fact]
    public void MappingDocument_StillMapsTheHeaderName()
    {
        RepositoryFiles.Read(MappingDocument).Should().Contain("| 2 | `KVP_POOL_" + "AUTO` | intrinsic |");
    }

    private static IEnumerable<string> TextFiles() =>
        Scanned.SelectMany(RepositoryFiles.Under)
            .Concat(["README.md", "Directory.Build.props"])
            .Where(file => Path.GetExtension(file) is ".cs" or ".md" or ".1" or ".8" or ".sh" or ".json" or ".service"
                or ".props" or ".csproj" or "" && !file.Contains("/Samples/", StringComparison.Ordinal));

    private static IEnumerable<string> Offences(string file, string text)
    {
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            foreach (Match match in OldName().Matches(lines[index]))
            {
                var isHeaderName = match.Value.StartsWith("KVP_", StringComparison.Ordinal);
                if (isHeaderName && file == MappingDocument)
                {
                    continue;
                }

                yield return $"{file}:{index + 1}: {match.Value}";
            }
        }
    }

    [GeneratedRegex(@"Auto" + "Pool|KVP_POOL_" + @"AUTO(?!_)|\bauto" + @" pool\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OldName();
}
