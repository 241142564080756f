// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;

namespace KvpDaemon.Tests.Repository;

/// <summary>One <c>[LoggerMessage]</c> attribute found in a source file, and the EventId it declares (null: none).</summary>
internal sealed record LoggerEventId(string File, int Line, int? Id)
{
    public override string ToString() => $"{File}:{Line} EventId {Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}";
}

/// <summary>
/// Finds the EventIds of source-generated log methods by reading the C# source. A source scan rather than reflection:
/// it covers every assembly (daemon, CLI, simulator, remote client) without the tests referencing each, and the
/// generator's attribute carries no more than the source does.
/// </summary>
internal static partial class LoggerEventIds
{
    public static IReadOnlyList<LoggerEventId> Scan(string file, string text)
    {
        var found = new List<LoggerEventId>();
        foreach (Match attribute in AttributePattern().Matches(text))
        {
            var arguments = attribute.Groups["args"].Value;
            var named = NamedIdPattern().Match(arguments);
            var positional = PositionalIdPattern().Match(arguments);
            int? id = named.Success ? int.Parse(named.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture)
                : positional.Success ? int.Parse(positional.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture)
                : null;
            var line = 1 + text.AsSpan(0, attribute.Index).Count('\n');
            found.Add(new LoggerEventId(file, line, id));
        }

        return found;
    }

    /// <summary>Every id declared more than once, with each place that declares it.</summary>
    public static IReadOnlyList<IGrouping<int, LoggerEventId>> Duplicates(IEnumerable<LoggerEventId> ids) =>
        ids.Where(id => id.Id is not null).GroupBy(id => id.Id!.Value).Where(group => group.Count() > 1).ToList();

    // [LoggerMessage(EventId = 600, Level = ..., Message = "...")] or [LoggerMessage(600, LogLevel.X, "...")], possibly
    // over several lines; the argument list ends at the first ")]".
    [GeneratedRegex(@"\[\s*LoggerMessage\s*\((?<args>.*?)\)\s*\]", RegexOptions.Singleline)]
    private static partial Regex AttributePattern();

    [GeneratedRegex(@"\bEventId\s*=\s*(?<id>\d+)")]
    private static partial Regex NamedIdPattern();

    [GeneratedRegex(@"^\s*(?<id>\d+)\s*,")]
    private static partial Regex PositionalIdPattern();
}
