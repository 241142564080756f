// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace KvpDaemon.Remote;

/// <summary>
/// Makes the HTTP handler of a WinRM connection. TLS is verified by default against the system's roots; a CA file
/// replaces them (WinRM certificates are usually issued by an internal CA); <c>--insecure</c> turns checks off.
/// </summary>
internal static class WsManHttpHandler
{
    /// <summary>Creates a handler; <paramref name="caFile"/> is a PEM (or DER) file of one or more CA certificates.</summary>
    /// <exception cref="WsManException">The CA file cannot be read or holds no certificate.</exception>
    public static SocketsHttpHandler Create(bool insecure, string? caFile)
    {
        var handler = new SocketsHttpHandler
        {
            // Credentials go in our own Authorization header, on every request: no challenge round trip, no redirects.
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (insecure)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (caFile is not null)
        {
            var roots = LoadCertificates(caFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                Validate(certificate, errors, roots);
        }

        return handler;
    }

    /// <summary>
    /// Accepts <paramref name="certificate"/> when the host name matched and a chain builds to one of
    /// <paramref name="roots"/> alone (custom trust store: the system's roots do not count).
    /// </summary>
    internal static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);

        // Internal CAs rarely publish revocation lists reachable from every client.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }

    private static X509Certificate2Collection LoadCertificates(string caFile)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            var text = File.ReadAllText(caFile);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                roots.ImportFromPem(text);
            }
            else
            {
                roots.Add(X509CertificateLoader.LoadCertificate(File.ReadAllBytes(caFile)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new WsManException($"Cannot read the CA file '{caFile}': {e.Message}", e);
        }

        return roots.Count > 0 ? roots : throw new WsManException($"The CA file '{caFile}' holds no certificate.");
    }
}
