// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>
/// A fact that is skipped, with the reason, when a tool it runs is not installed (.ci/run installs them) or, with
/// <see cref="NeedsManPages"/>, when docs/man does not hold the man pages the packages must ship.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PackagingFactAttribute : FactAttribute
{
    private static readonly string[] ManPages = ["hypervkvpd.8", "hvkvp.1"];
    private bool _needsManPages;

    public PackagingFactAttribute(params string[] tools)
    {
        var missing = tools.Where(tool => PackagingTools.Find(tool) is null).ToArray();
        if (missing.Length > 0)
        {
            Skip = $"Not installed: {string.Join(", ", missing)} (see packaging/README.md, 'Tests').";
        }
    }

    /// <summary>The test builds a package, which needs docs/man/hypervkvpd.8 and docs/man/hvkvp.1.</summary>
    public bool NeedsManPages
    {
        get => _needsManPages;
        set
        {
            _needsManPages = value;
            var missing = ManPages.Where(page => !File.Exists(Path.Combine(PackagingTools.RepositoryRoot, "docs", "man", page))).ToArray();
            if (value && missing.Length > 0 && Skip is null)
            {
                Skip = $"This tree has no docs/man/{string.Join(", docs/man/", missing)} yet; the packages cannot be built without them.";
            }
        }
    }
}
