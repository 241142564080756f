// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace KvpDaemon.Network;

/// <summary>
/// Default routes from FreeBSD's <c>netstat --libxo json -rn</c>:
/// <c>statistics.route-information.route-table.rt-family[].rt-entry[]</c> with <c>destination</c>, <c>gateway</c>,
/// <c>flags</c> and <c>interface-name</c>. netstat prints no metric; routes keep the table's order (metric 0).
/// </summary>
internal static class NetstatRouteParser
{
    /// <returns>False when the text is not the expected JSON document.</returns>
    public static bool TryParseDefaultRoutes(string json, out IReadOnlyList<DefaultRoute> routes)
    {
        var found = new List<DefaultRoute>();
        routes = found;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!TryGet(document.RootElement, "statistics", out var statistics)
                || !TryGet(statistics, "route-information", out var information)
                || !TryGet(information, "route-table", out var table)
                || !TryGet(table, "rt-family", out var families)
                || families.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var family in families.EnumerateArray())
            {
                if (!TryGet(family, "rt-entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var entry in entries.EnumerateArray())
                {
                    if (TryParseEntry(entry, out var route))
                    {
                        found.Add(route);
                    }
                }
            }

            return true;
        }
        catch (JsonException)
        {
            routes = [];
            return false;
        }
    }

    private static bool TryParseEntry(JsonElement entry, [NotNullWhen(true)] out DefaultRoute? route)
    {
        route = null;
        var destination = GetString(entry, "destination");
        var gateway = GetString(entry, "gateway");
        var flags = GetString(entry, "flags");
        var interfaceName = GetString(entry, "interface-name");
        if (destination is not ("default" or "0.0.0.0/0" or "::/0") || gateway is null || interfaceName is null
            || flags is null || !flags.Contains('G', StringComparison.Ordinal) || flags.Contains('R', StringComparison.Ordinal)
            || flags.Contains('B', StringComparison.Ordinal))
        {
            // Not a default route, or a reject/blackhole one that has no gateway to report.
            return false;
        }

        // "link#1" gateways are not addresses; "fe80::1%hn0" carries a scope the wire form has no room for.
        if (!AddressText.TryParseServer(gateway, out var address))
        {
            return false;
        }

        route = new DefaultRoute(interfaceName, address, 0);
        return true;
    }

    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value);
    }

    private static string? GetString(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
