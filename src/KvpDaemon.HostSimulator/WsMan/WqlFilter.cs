// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;

namespace KvpDaemon.HostSimulator.WsMan;

/// <summary>
/// Just enough WQL for the queries hvkvp sends: <c>SELECT * FROM Class [WHERE a = "x" [AND b LIKE "y%"] ...]</c> and
/// <c>ASSOCIATORS OF {Path} WHERE ResultClass = Class</c>. Conditions are conjunctions of equality and prefix LIKE.
/// </summary>
internal sealed partial class WqlFilter
{
    private readonly List<(string Property, string Value, bool Prefix)> _conditions = [];

    private WqlFilter(string className, string? associatedPath)
    {
        ClassName = className;
        AssociatedPath = associatedPath;
    }

    /// <summary>The class the query returns.</summary>
    public string ClassName { get; }

    /// <summary>For ASSOCIATORS OF: the object path in braces.</summary>
    public string? AssociatedPath { get; }

    /// <summary>Parses <paramref name="wql"/>.</summary>
    /// <exception cref="FormatException">A query this simulator does not understand.</exception>
    public static WqlFilter Parse(string wql)
    {
        var associators = AssociatorsPattern().Match(wql);
        if (associators.Success)
        {
            return new WqlFilter(associators.Groups["class"].Value, Unescape(associators.Groups["path"].Value));
        }

        var select = SelectPattern().Match(wql);
        if (!select.Success)
        {
            throw new FormatException($"The simulator does not understand the WQL query '{wql}'.");
        }

        var filter = new WqlFilter(select.Groups["class"].Value, associatedPath: null);
        foreach (Match condition in ConditionPattern().Matches(select.Groups["where"].Value))
        {
            var value = Unescape(condition.Groups["value"].Value);
            var like = condition.Groups["op"].Value.Equals("LIKE", StringComparison.OrdinalIgnoreCase);
            filter._conditions.Add((condition.Groups["name"].Value, like ? value.TrimEnd('%') : value, like));
        }

        return filter;
    }

    /// <summary>Whether <paramref name="instance"/> meets every condition (case-insensitively, as WMI compares).</summary>
    public bool Matches(SimulatedInstance instance)
    {
        return instance.ClassName.Equals(ClassName, StringComparison.OrdinalIgnoreCase) && _conditions.All(condition =>
            instance.Get(condition.Property) is { } actual && (condition.Prefix
                ? actual.StartsWith(condition.Value, StringComparison.OrdinalIgnoreCase)
                : actual.Equals(condition.Value, StringComparison.OrdinalIgnoreCase)));
    }

    private static string Unescape(string text) => UnescapePattern().Replace(text, match => match.Groups[1].Value);

    [GeneratedRegex("""^\s*ASSOCIATORS\s+OF\s+\{(?<path>[^}]*)\}\s+WHERE\s+.*ResultClass\s*=\s*(?<class>\w+)""", RegexOptions.IgnoreCase)]
    private static partial Regex AssociatorsPattern();

    [GeneratedRegex("""^\s*SELECT\s+\*\s+FROM\s+(?<class>\w+)(\s+WHERE\s+(?<where>.*))?$""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SelectPattern();

    [GeneratedRegex("""(?<name>\w+)\s*(?<op>=|LIKE)\s*["'](?<value>(?:[^"'\\]|\\.)*)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex ConditionPattern();

    [GeneratedRegex("""\\(.)""")]
    private static partial Regex UnescapePattern();
}
