// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;

namespace KvpDaemon.Hosting;

/// <summary>
/// How setting values are shown in the reload log, and so compared: one canonical text per meaning, so that a value
/// spelled differently ("Debug"/"DEBUG", " Auto "/"auto", the same map in another order) is no change.
/// </summary>
internal static class SettingText
{
    /// <summary>A string as it is; null is the empty string.</summary>
    public static string Text(string? value) => value ?? string.Empty;

    /// <summary>A name compared without regard to case or surrounding blanks.</summary>
    public static string Name(string value) => value.Trim().ToLowerInvariant();

    /// <summary>A log level by its canonical name; text that is not a level stays as it is.</summary>
    public static string LogLevel(string value) =>
        LogLevelSwitch.TryParse(value, out var level) ? level.ToString() : value;

    public static string Flag(bool value) => value ? "true" : "false";

    /// <summary>A duration as [-][d.]hh:mm:ss[.fffffff].</summary>
    public static string Duration(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    public static string List(IReadOnlyList<string> items) => "[" + string.Join(", ", items) + "]";

    /// <summary>A map in a canonical order; keys compare without regard to letter case, as the adapter map does.</summary>
    public static string Map(IReadOnlyDictionary<string, string> map) => string.Join(
        ", ",
        map.OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
            .Select(pair => pair.Key.ToUpperInvariant() + "=" + pair.Value));

    /// <summary>How an empty value reads in "old -> new".</summary>
    public static string OrNone(string shown) => shown.Length == 0 ? "(none)" : shown;
}
