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
/// generator's attribute carries no more than the source does. An id may be a literal or the name of an
/// <c>const int</c> of the same file (the dispatcher names the ids its rate limiter keys on).
/// </summary>
internal static partial class LoggerEventIds
{
    public static IReadOnlyList<LoggerEventId> Scan(string file, string text)
    {
        var constants = ConstantPattern().Matches(text).ToDictionary(
            match => match.Groups["name"].Value,
            match => int.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));
        var found = new List<LoggerEventId>();
        foreach (Match attribute in AttributePattern().Matches(text))
        {
            var arguments = attribute.Groups["args"].Value;
            var named = NamedIdPattern().Match(arguments);
            var positional = PositionalIdPattern().Match(arguments);
            var token = named.Success ? named.Groups["id"].Value : positional.Success ? positional.Groups["id"].Value : null;
            int? id = token is null ? null
                : int.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out var literal) ? literal
                : constants.TryGetValue(token, out var constant) ? constant
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

    [GeneratedRegex(@"\bEventId\s*=\s*(?<id>\d+|[A-Za-z_]\w*)")]
    private static partial Regex NamedIdPattern();

    [GeneratedRegex(@"\bconst\s+int\s+(?<name>[A-Za-z_]\w*)\s*=\s*(?<value>\d+)\s*;")]
    private static partial Regex ConstantPattern();

    [GeneratedRegex(@"^\s*(?<id>\d+|[A-Za-z_]\w*)\s*,")]
    private static partial Regex PositionalIdPattern();
}
