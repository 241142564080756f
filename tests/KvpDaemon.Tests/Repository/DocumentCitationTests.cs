// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Tests.Repository;

/// <summary>
/// Every document a comment cites is in the repository, with the section, quirk, complaint or rule it names
/// (docs/contributing.md, first section). Scans src/, tests/, packaging/, .ci/ and the root build files.
/// </summary>
public class DocumentCitationTests
{
    private static readonly string[] ScannedDirectories = ["src", "tests", "packaging", ".ci"];

    private static readonly string[] ScannedRootFiles =
        ["Directory.Build.props", "Directory.Packages.props", ".editorconfig", "global.json"];

    // This folder's own files hold broken citations on purpose, as test data.
    private const string OwnFolder = "tests/KvpDaemon.Tests/Repository/";

    [Fact]
    public void Documents_SectionedDocuments_HaveTheirAnchors()
    {
        var anchors = RepositoryAnchors();

        anchors[DocumentAnchors.Protocol].Should().Contain(["0", "1.9", "2.6", "4.5", "6.2", "9", "11"]);
        anchors[DocumentAnchors.Protocol].Should().Contain(Enumerable.Range(1, 37).Select(n => $"QUIRK-{n}"));
        anchors[DocumentAnchors.Compatibility].Should().Contain(["0", "A", "A.1", "A.3", "B", "C", "D.1", "D.3", "E", "F.2"]);
        anchors[DocumentAnchors.Compatibility].Should().Contain(Enumerable.Range(1, 15).Select(n => $"E #{n}"));
        anchors[DocumentAnchors.Contributing].Should().Contain(Enumerable.Range(1, 15).Select(n => $"rule {n}"));
    }

    [Fact]
    public void Repository_EveryCitation_PointsAtSomethingInTheRepository()
    {
        var citations = new DocumentCitations(RepositoryFiles.Exists, RepositoryAnchors());

        var problems = ScannedFiles().SelectMany(file => citations.Check(file, RepositoryFiles.Read(file))).ToList();

        citations.CitationsSeen.Should().BeGreaterThan(200, "the scan must find the code's citations, or it proves nothing");
        problems.Should().BeEmpty();
    }

    [Theory]
    [InlineData("// The body starts at abs 4 (docs/protocol.md 2.1).")]
    [InlineData("/// Sizes (docs/protocol.md 1.3, QUIRK-17) and the flow (docs/protocol.md sections 2 and 3).")]
    [InlineData("/// Container bridges (docs/compatibility.md\n    /// E #10) and the host side (docs/compatibility.md A.3).")]
    [InlineData("# Never block boot (docs/compatibility.md E #1, E #2).")]
    [InlineData("<!-- The build enforces the style (docs/contributing.md rule 9). -->")]
    [InlineData("// See docs/behaviour.md and ../../docs/reliability.md; installed as %%PREFIX%%/share/doc/x/configuration.md.")]
    [InlineData("// Locks (docs/protocol.md 7 recommendation 4); GET_IP_INFO (docs/protocol.md 5, issue 3).")]
    public void Check_FollowableCitation_IsAccepted(string text)
    {
        var citations = Sample();

        citations.Check("src/KvpDaemon/Sample.cs", text).Should().BeEmpty();
        citations.CitationsSeen.Should().BePositive();
    }

    [Theory]
    [InlineData("install -m 0644 \"$SCRIPT_DIR/config/README.md\" \"${PREFIX}/share/doc/hypervkvpd/configuration.md\"")]
    [InlineData("files=\"usr/share/doc/hypervkvpd/configuration.md\" # see https://example.invalid/x/README.md")]
    public void Check_PathOutsideTheRepository_IsNotACitation(string text)
    {
        var citations = Sample();

        citations.Check("packaging/build.sh", text).Should().BeEmpty();
        citations.CitationsSeen.Should().Be(0);
    }

    [Theory]
    [InlineData("// (docs/protocol.md 12)", "cites docs/protocol.md 12, which docs/protocol.md does not have")]
    [InlineData("// (docs/protocol.md 2.6, 2.9)", "cites docs/protocol.md 2.9, which docs/protocol.md does not have")]
    [InlineData("// (QUIRK-38)", "cites QUIRK-38, which docs/protocol.md does not have")]
    [InlineData("// (docs/compatibility.md E#16)", "cites docs/compatibility.md E #16, which docs/compatibility.md does not have")]
    [InlineData("// (docs/compatibility.md F.9)", "cites docs/compatibility.md F.9, which docs/compatibility.md does not have")]
    [InlineData("// (docs/contributing.md rule 16)", "cites docs/contributing.md rule 16, which docs/contributing.md does not have")]
    [InlineData("// (docs/design.md)", "cites docs/design.md, which is not in the repository")]
    [InlineData("// (../shared/docs/protocol.md 2.6)", "cites ../shared/docs/protocol.md, which is not in the repository")]
    [InlineData("// (protocol.md 2.6)", "cites protocol.md, which is not in the repository")]
    // The two old names are split in the source so that a plain search for them (the before-stop check) finds no
    // citation here: these rows are what the check must report, not citations of this file.
    [InlineData("// (ecosystem" + ".md E#1)", "cites ecosystem" + ".md, which is not in the repository")]
    [InlineData("<!-- (docs/style" + ".md rule 9) -->", "cites docs/style" + ".md, which is not in the repository")]
    [InlineData("# (style rule 6)", "cites 'style rule 6'; write docs/contributing.md rule 6")]
    public void Check_CitationOfSomethingMissing_IsReported(string text, string problem)
    {
        Sample().Check("src/KvpDaemon/Sample.cs", text).Should().Equal($"src/KvpDaemon/Sample.cs:1: {problem}");
    }

    /// <summary>A repository of the three sectioned documents, parsed from small golden texts, and docs/behaviour.md.</summary>
    private static DocumentCitations Sample()
    {
        const string protocol = """
            ## 1. Constants
            ### 1.3 Sizes
            ## 2. Message layout
            ### 2.1 Header
            ### 2.6 Every difference
            ## 3. Message flow
            ## 5. GET_IP_INFO
            ## 7. Pool files
            ## 9. Quirks
            * **QUIRK-17 — [F] text conversion bugs.** ...
            """;
        const string compatibility = """
            ## A. The host side
            ### A.3 WS-Management
            ## E. Complaints
            | # | Complaint |
            |---|---|
            | E #1 | boot stall |
            | E #2 | no device |
            | E #10 | too many addresses |
            """;
        const string contributing = """
            ### Rule 9. The build enforces the style
            """;
        var files = new HashSet<string>(StringComparer.Ordinal)
        {
            DocumentAnchors.Protocol, DocumentAnchors.Compatibility, DocumentAnchors.Contributing,
            "docs/behaviour.md", "docs/reliability.md",
        };
        var anchors = new Dictionary<string, IReadOnlySet<string>>
        {
            [DocumentAnchors.Protocol] = DocumentAnchors.Parse(DocumentAnchors.Protocol, protocol),
            [DocumentAnchors.Compatibility] = DocumentAnchors.Parse(DocumentAnchors.Compatibility, compatibility),
            [DocumentAnchors.Contributing] = DocumentAnchors.Parse(DocumentAnchors.Contributing, contributing),
        };
        return new DocumentCitations(files.Contains, anchors);
    }

    private static Dictionary<string, IReadOnlySet<string>> RepositoryAnchors() =>
        DocumentAnchors.Sectioned.ToDictionary(document => document, document => DocumentAnchors.Parse(document, RepositoryFiles.Read(document)));

    private static IEnumerable<string> ScannedFiles() =>
        ScannedDirectories.SelectMany(RepositoryFiles.Under)
            .Concat(ScannedRootFiles.Where(RepositoryFiles.Exists))
            .Where(file => !file.StartsWith(OwnFolder, StringComparison.Ordinal))
            .Where(file => !RepositoryFiles.Read(file).Contains('\0', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
}
