// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Remote;

/// <summary>
/// A parsed <c>hyperv://[user@]host[:port]/[?transport=http|https]</c> URI, with the rules of libvirt's Hyper-V driver
/// (docs/compatibility.md B): HTTPS on 5986 by default, HTTP on 5985, <c>transport</c> the only parameter (others are warned
/// about and ignored), the scheme client-side only (no <c>hyperv+ssh://</c>), and never a password in the URI.
/// </summary>
/// <param name="User">The user named in the URI, or null (the caller then asks or uses its default).</param>
/// <param name="Host">The host name or address (IPv6 without brackets).</param>
/// <param name="Port">The TCP port: the URI's, else the transport's default.</param>
/// <param name="Transport">HTTP or HTTPS.</param>
/// <param name="Warnings">What was ignored (unknown query parameters), one sentence each.</param>
internal sealed record HyperVUri(string? User, string Host, int Port, WsManTransport Transport, IReadOnlyList<string> Warnings)
{
    /// <summary>The scheme, as libvirt spells it.</summary>
    public const string Scheme = "hyperv";

    /// <summary>WinRM's default HTTP port (MS-WSMV 2.2.4.35).</summary>
    public const int DefaultHttpPort = 5985;

    /// <summary>WinRM's default HTTPS port (MS-WSMV 2.2.4.35).</summary>
    public const int DefaultHttpsPort = 5986;

    /// <summary>
    /// A one-line warning when the Basic credentials will cross the network readable by anyone on the path
    /// (<c>?transport=http</c>), else null. Not one of <see cref="Warnings"/>: those are about the URI's syntax.
    /// </summary>
    public string? CleartextWarning => Transport == WsManTransport.Http
        ? $"transport=http sends the password for '{User ?? "the user"}' to {Host} unencrypted (Basic authentication); use https where you can."
        : null;

    /// <summary>The WS-Management endpoint: <c>http(s)://host:port/wsman</c>.</summary>
    public Uri Endpoint => new UriBuilder(Transport == WsManTransport.Https ? "https" : "http", Host, Port, "/wsman").Uri;

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="HyperVUriException">The text is not a hyperv:// URI that libvirt would accept.</exception>
    public static HyperVUri Parse(string text)
    {
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            throw new HyperVUriException($"'{text}' is not a URI; expected hyperv://[user@]host[:port]/[?transport=http|https].");
        }

        var scheme = text[..schemeEnd];
        if (!scheme.Equals(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            // libvirt's driver is remote-only: it speaks WS-Management itself, never through libvirtd's transports.
            throw new HyperVUriException(scheme.StartsWith(Scheme + "+", StringComparison.OrdinalIgnoreCase)
                ? $"The scheme '{scheme}' is not supported: hyperv:// connects to WinRM directly, so there is no transport " +
                  "part ('+ssh', '+tls', ...); use hyperv://host/ and, for plain HTTP, ?transport=http."
                : $"The scheme '{scheme}' is not supported; expected hyperv://[user@]host[:port]/[?transport=http|https].");
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw new HyperVUriException($"'{text}' is not a valid URI; expected hyperv://[user@]host[:port]/[?transport=http|https].");
        }

        var host = uri.Host;
        if (host.Length == 0)
        {
            throw new HyperVUriException($"'{text}' names no host; expected hyperv://[user@]host[:port]/.");
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (uri.AbsolutePath is not ("/" or ""))
        {
            throw new HyperVUriException($"Unexpected path '{uri.AbsolutePath}' in '{text}'; a hyperv:// URI has no path (only '/').");
        }

        if (uri.Fragment.Length > 0)
        {
            throw new HyperVUriException($"Unexpected fragment '{uri.Fragment}' in '{text}'.");
        }

        var user = ParseUser(uri.UserInfo);
        var (transport, warnings) = ParseQuery(uri.Query);

        // System.Uri reports -1 for a scheme it has no default port for: the URI named none.
        var port = uri.IsDefaultPort || uri.Port < 0
            ? transport == WsManTransport.Https ? DefaultHttpsPort : DefaultHttpPort
            : uri.Port;
        if (port is 0)
        {
            throw new HyperVUriException($"Port 0 in '{text}' is not a port WinRM can listen on.");
        }

        return new HyperVUri(user, host, port, transport, warnings);
    }

    /// <summary>The URI in its canonical form (explicit port and transport; never a password).</summary>
    public override string ToString()
    {
        var user = User is null ? string.Empty : Uri.EscapeDataString(User) + "@";
        var host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        var transport = Transport == WsManTransport.Https ? "https" : "http";
        return $"{Scheme}://{user}{host}:{Port}/?transport={transport}";
    }

    private static string? ParseUser(string userInfo)
    {
        if (userInfo.Length == 0)
        {
            return null;
        }

        if (userInfo.Contains(':', StringComparison.Ordinal))
        {
            // A password in a URI ends up in shell history, process lists and logs; libvirt asks for it instead.
            throw new HyperVUriException(
                "A password in the URI is not accepted (it would show in shell history and process lists): " +
                "remove ':password' and use the prompt, HVKVP_PASSWORD or --password-file.");
        }

        var user = Uri.UnescapeDataString(userInfo);
        return user.Length > 0 ? user : throw new HyperVUriException("The user before '@' is empty.");
    }

    private static (WsManTransport Transport, IReadOnlyList<string> Warnings) ParseQuery(string query)
    {
        var transport = WsManTransport.Https;
        var warnings = new List<string>();
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (name.Equals("transport", StringComparison.OrdinalIgnoreCase))
            {
                transport = value.ToUpperInvariant() switch
                {
                    "HTTPS" => WsManTransport.Https,
                    "HTTP" => WsManTransport.Http,
                    _ => throw new HyperVUriException(
                        $"Query parameter 'transport' has unexpected value '{value}' (should be http or https)."),
                };
            }
            else
            {
                warnings.Add($"Ignoring unexpected query parameter '{name}' (only 'transport' is recognised).");
            }
        }

        return (transport, warnings);
    }
}
