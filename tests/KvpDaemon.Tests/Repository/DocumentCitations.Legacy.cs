// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Tests.Repository;

/// <summary>
/// The names comments used before the repository had its own documents, accepted until the citations are rewritten
/// to the repository's names (the rewrite commit removes this file and makes <see cref="AcceptsLegacyNames"/> false).
/// </summary>
internal sealed partial class DocumentCitations
{
    private const bool AcceptsLegacyNames = true;

    private static readonly Dictionary<string, string> LegacyNames = new(StringComparer.Ordinal)
    {
        ["protocol.md"] = DocumentAnchors.Protocol,
        ["ecosystem.md"] = DocumentAnchors.Compatibility,
        ["style.md"] = DocumentAnchors.Contributing,
        ["docs/style.md"] = DocumentAnchors.Contributing,
    };
}
