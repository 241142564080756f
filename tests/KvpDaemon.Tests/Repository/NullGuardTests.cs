// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Tests.Repository;

/// <summary>
/// Every type in src/ is internal, so nullable annotations, checked by the compiler, say who may pass null; a run-time
/// null guard would only repeat them (docs/contributing.md rule 11). An invariant worth stating is a Debug.Assert.
/// </summary>
public class NullGuardTests
{
    // Assembled so that this file does not itself hold the call it looks for.
    private static readonly string Guard = "ArgumentNullException" + ".ThrowIfNull(";

    [Fact]
    public void Sources_HaveNoInternalNullGuards()
    {
        var sources = RepositoryFiles.Under("src").Where(file => file.EndsWith(".cs", StringComparison.Ordinal)).ToList();

        sources.Should().HaveCountGreaterThan(100, "the scan must find the sources, or it proves nothing");
        sources.Where(file => RepositoryFiles.Read(file).Contains(Guard, StringComparison.Ordinal)).Should().BeEmpty();
    }

    [Fact]
    public void Sources_DeclareNoPublicType()
    {
        // The rule above holds because nothing outside the repository calls this code: keep it so.
        var publicTypes = RepositoryFiles.Under("src")
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(file => RepositoryFiles.Read(file).Split('\n')
                .Where(line => line.StartsWith("public ", StringComparison.Ordinal))
                .Select(line => $"{file}: {line.Trim()}"))
            .ToList();

        publicTypes.Should().BeEmpty();
    }
}
