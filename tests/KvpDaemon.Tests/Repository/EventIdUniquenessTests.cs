// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Tests.Repository;

/// <summary>
/// Every <c>[LoggerMessage]</c> in src/ declares an explicit EventId and no two declare the same one, so a journal
/// line's id names exactly one message (docs/contributing.md rule 7).
/// </summary>
public class EventIdUniquenessTests
{
    private static IReadOnlyList<LoggerEventId> AllIds() =>
        RepositoryFiles.Under("src")
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(file => LoggerEventIds.Scan(file, RepositoryFiles.Read(file)))
            .ToList();

    [Fact]
    public void Sources_EveryLoggerMessage_HasAnExplicitEventId()
    {
        var ids = AllIds();

        ids.Should().HaveCountGreaterThan(50, "the scan must find the daemon's log methods, or it proves nothing");
        ids.Where(id => id.Id is null).Should().BeEmpty();
    }

    [Fact]
    public void Sources_EventIds_AreUnique()
    {
        var duplicates = LoggerEventIds.Duplicates(AllIds())
            .Select(group => string.Join(" and ", group.Select(id => id.ToString())));

        duplicates.Should().BeEmpty("each EventId must name one message");
    }

    [Fact]
    public void Scan_TwoFilesDeclaringOneId_IsReportedAsDuplicate()
    {
        // What a careless copy of a Log class looks like: the same id in two components, one of them positional.
        const string first = """
            [LoggerMessage(EventId = 600, Level = LogLevel.Information,
                Message = "First {Value}")]
            public static partial void First(ILogger logger, int value);
            [LoggerMessage(EventId = 601, Level = LogLevel.Debug, Message = "Second")]
            public static partial void Second(ILogger logger);
            """;
        const string second = """
            [LoggerMessage(600, LogLevel.Warning, "Third")]
            public static partial void Third(ILogger logger);
            [LoggerMessage(Level = LogLevel.Warning, Message = "No id")]
            public static partial void Fourth(ILogger logger);
            """;

        var ids = LoggerEventIds.Scan("a/Log.cs", first).Concat(LoggerEventIds.Scan("b/Log.cs", second)).ToList();

        ids.Select(id => id.ToString()).Should().Equal(
            "a/Log.cs:1 EventId 600", "a/Log.cs:4 EventId 601", "b/Log.cs:1 EventId 600", "b/Log.cs:3 EventId (none)");
        LoggerEventIds.Duplicates(ids).Should().ContainSingle().Which.Key.Should().Be(600);
    }
}
