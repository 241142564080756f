// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;

namespace KvpDaemon.Tests.Repository;

/// <summary>
/// Finds the citations of documents in one file's text and says which of them cannot be followed. A citation is a
/// path ending in <c>.md</c>, optionally followed by sections (<c>docs/protocol.md 2.6, 3.5</c>,
/// <c>docs/compatibility.md E #12</c>, <c>docs/contributing.md rule 5</c>, also across a comment's line break), or a
/// quirk on its own (<c>QUIRK-29</c>, which is docs/protocol.md's). A path is followed from the repository root or from
/// the citing file's directory; absolute paths, URLs and install-time paths (<c>%%PREFIX%%/...</c>) are not citations
/// of the repository. The names used before the repository had its own documents (a bare <c>protocol.md</c>, the
/// ecosystem and style documents of the shared folder, "style rule N") are reported: the rewrite command in the commit
/// that removed them turns them into <c>docs/protocol.md</c>, <c>docs/compatibility.md</c> and
/// <c>docs/contributing.md rule N</c>.
/// </summary>
internal sealed partial class DocumentCitations
{
    private readonly Func<string, bool> _fileExists;
    private readonly IReadOnlyDictionary<string, IReadOnlySet<string>> _anchors;

    /// <param name="fileExists">Whether a repository-relative path ('/'-separated) is a file of the repository.</param>
    /// <param name="anchors">The anchors of each document of <see cref="DocumentAnchors.Sectioned"/>.</param>
    public DocumentCitations(Func<string, bool> fileExists, IReadOnlyDictionary<string, IReadOnlySet<string>> anchors)
    {
        _fileExists = fileExists;
        _anchors = anchors;
    }

    /// <summary>How many citations the last <see cref="Check"/> calls found, followable or not.</summary>
    public int CitationsSeen { get; private set; }

    /// <summary>"file:line: problem" for each citation in <paramref name="text"/> that cannot be followed.</summary>
    public IEnumerable<string> Check(string file, string text)
    {
        var problems = new List<string>();
        foreach (Match match in DocumentPath().Matches(text))
        {
            var written = match.Groups["path"].Value;
            if (!IsRepositoryPath(text, match.Index, written))
            {
                continue;
            }

            CitationsSeen++;
            var line = LineOf(text, match.Index);
            var document = Resolve(file, written);
            if (document is null)
            {
                problems.Add($"{file}:{line}: cites {written}, which is not in the repository");
                continue;
            }

            var sections = SectionList().Match(text, match.Index + match.Length);
            if (!sections.Success || !_anchors.TryGetValue(document, out var anchors))
            {
                continue;
            }

            foreach (var token in sections.Groups["token"].Captures.Select(capture => DocumentAnchors.Canonical(capture.Value)))
            {
                if (!anchors.Contains(token))
                {
                    problems.Add($"{file}:{line}: cites {written} {token}, which {document} does not have");
                }
            }
        }

        foreach (Match match in Quirk().Matches(text))
        {
            CitationsSeen++;
            if (!_anchors[DocumentAnchors.Protocol].Contains(match.Value))
            {
                problems.Add($"{file}:{LineOf(text, match.Index)}: cites {match.Value}, which {DocumentAnchors.Protocol} does not have");
            }
        }

        foreach (Match match in StyleRule().Matches(text))
        {
            CitationsSeen++;
            var rule = "rule " + match.Groups["n"].Value;
            problems.Add($"{file}:{LineOf(text, match.Index)}: cites '{match.Value}'; write {DocumentAnchors.Contributing} {rule}");
        }

        return problems;
    }

    /// <summary>
    /// False for what names a file outside the repository: an absolute path or URL, a shell expansion
    /// (<c>$TOP/README.md</c>, <c>${PREFIX}/...</c>, <c>%%PREFIX%%/...</c>), a path of the installed system written without
    /// its leading slash (<c>usr/share/doc/...</c>, as in a tar listing), and the installed name of
    /// packaging/config/README.md.
    /// </summary>
    private static bool IsRepositoryPath(string text, int index, string written) =>
        !written.StartsWith('/')
        && !written.Contains('%', StringComparison.Ordinal)
        && (index == 0 || text[index - 1] is not ('$' or '}'))
        && !written.StartsWith("usr/", StringComparison.Ordinal)
        && written != "configuration.md";

    /// <summary>The repository path <paramref name="written"/> names, seen from <paramref name="citingFile"/>; null if none.</summary>
    private string? Resolve(string citingFile, string written)
    {
        var fromRoot = Normalize(written);
        if (fromRoot is not null && _fileExists(fromRoot))
        {
            return fromRoot;
        }

        var directory = citingFile.Contains('/', StringComparison.Ordinal) ? citingFile[..citingFile.LastIndexOf('/')] : string.Empty;
        var fromHere = Normalize(directory.Length == 0 ? written : directory + "/" + written);
        if (fromHere is not null && _fileExists(fromHere))
        {
            return fromHere;
        }

        return null;
    }

    /// <summary>'/'-separated, without "." and ".." steps; null when ".." leaves the repository.</summary>
    private static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    private static int LineOf(string text, int index) => 1 + text.AsSpan(0, index).Count('\n');

    // A run of path characters ending in ".md": "docs/protocol.md", "../docs/behaviour.md", "%%PREFIX%%/x.md".
    [GeneratedRegex(@"(?<path>[\w./%-]*[\w-]\.md)(?!\w)")]
    private static partial Regex DocumentPath();

    // Right after a document: sections separated by ',', 'and' or 'to', the first one after blanks or a comment's line
    // break ("// ", "/// ", "# ", " * "). A token is a number (2, 2.6), a letter section (A, D.1), a complaint (E #12),
    // a quirk or a rule, optionally after "section"/"sections".
    [GeneratedRegex(
        @"\G(?:[ \t]|\r?\n[ \t]*(?:///?|\#|\*)?)+(?<token>(?:sections?[ \t]+)?(?:QUIRK-\d+|E[ \t]?\#\d+|rule[ \t]+\d+|[A-F](?:\.\d+)?|\d+(?:\.\d+)?)(?![\w.]\w))(?:(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+|[ \t]+to[ \t]+)(?<token>(?:sections?[ \t]+)?(?:QUIRK-\d+|E[ \t]?\#\d+|rule[ \t]+\d+|[A-F](?:\.\d+)?|\d+(?:\.\d+)?)(?![\w.]\w)))*")]
    private static partial Regex SectionList();

    [GeneratedRegex(@"QUIRK-\d+")]
    private static partial Regex Quirk();

    [GeneratedRegex(@"(?i:style)\s+rule\s+(?<n>\d+)")]
    private static partial Regex StyleRule();
}
