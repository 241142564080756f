// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;

namespace KvpDaemon.Tests.Repository;

/// <summary>
/// The places inside the repository's own documents that comments may cite, read from the documents themselves:
/// docs/protocol.md's numbered headings ("2.6") and quirks ("QUIRK-29"), docs/compatibility.md's headings ("0", "A",
/// "D.1") and complaints ("E #12"), docs/contributing.md's rules ("rule 5"). Other documents are cited as a whole.
/// </summary>
internal static partial class DocumentAnchors
{
    public const string Protocol = "docs/protocol.md";
    public const string Compatibility = "docs/compatibility.md";
    public const string Contributing = "docs/contributing.md";

    /// <summary>The documents whose sections are checked; a citation of any other document checks only the file.</summary>
    public static readonly IReadOnlyList<string> Sectioned = [Protocol, Compatibility, Contributing];

    /// <summary>The anchors of <paramref name="document"/> (one of <see cref="Sectioned"/>) in canonical form.</summary>
    public static IReadOnlySet<string> Parse(string document, string text)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var patterns = document switch
        {
            Protocol => new[] { NumberedHeading(), QuirkItem() },
            Compatibility => [LetteredHeading(), ComplaintRow()],
            Contributing => [RuleHeading()],
            _ => throw new ArgumentOutOfRangeException(nameof(document), document, "Not a sectioned document."),
        };

        foreach (var pattern in patterns)
        {
            foreach (Match match in pattern.Matches(text))
            {
                anchors.Add(Canonical(match.Groups["anchor"].Value));
            }
        }

        return anchors;
    }

    /// <summary>
    /// One spelling per anchor: "section 7" is "7", "E#3" is "E #3", "Rule 5" is "rule 5", "QUIRK-9" stays.
    /// </summary>
    public static string Canonical(string token)
    {
        var text = SectionWord().Replace(token.Trim(), string.Empty);
        var complaint = Complaint().Match(text);
        if (complaint.Success)
        {
            return "E #" + complaint.Groups["n"].Value;
        }

        var rule = Rule().Match(text);
        return rule.Success ? "rule " + rule.Groups["n"].Value : text;
    }

    // "## 2. Message layout", "### 2.6 Every difference ..."
    [GeneratedRegex(@"^#{2,3}[ \t]+(?<anchor>\d+(?:\.\d+)?)\.?[ \t]", RegexOptions.Multiline)]
    private static partial Regex NumberedHeading();

    // "* **QUIRK-29 — Late answers on [L].** ..."
    [GeneratedRegex(@"^\*[ \t]+\*\*(?<anchor>QUIRK-\d+)\b", RegexOptions.Multiline)]
    private static partial Regex QuirkItem();

    // "## 0. In short", "## A. The host side", "### A.3 WS-Management"
    [GeneratedRegex(@"^#{2,3}[ \t]+(?<anchor>(?:\d+|[A-Z])(?:\.\d+)?)\.?[ \t]", RegexOptions.Multiline)]
    private static partial Regex LetteredHeading();

    // "| E #12 | **Secrets in ..."
    [GeneratedRegex(@"^\|[ \t]*(?<anchor>E #\d+)[ \t]*\|", RegexOptions.Multiline)]
    private static partial Regex ComplaintRow();

    // "### Rule 5. P/Invoke only where the BCL has nothing"
    [GeneratedRegex(@"^###[ \t]+(?<anchor>Rule[ \t]+\d+)\.", RegexOptions.Multiline)]
    private static partial Regex RuleHeading();

    [GeneratedRegex(@"^sections?\s+", RegexOptions.IgnoreCase)]
    private static partial Regex SectionWord();

    [GeneratedRegex(@"^E\s?#(?<n>\d+)$")]
    private static partial Regex Complaint();

    [GeneratedRegex(@"^rule\s+(?<n>\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Rule();
}
