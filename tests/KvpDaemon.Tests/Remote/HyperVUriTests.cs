// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Remote;

namespace KvpDaemon.Tests.Remote;

/// <summary>hyperv:// parsing against libvirt's documented rules (drvhyperv.rst and hypervParseUri, docs/compatibility.md B).</summary>
public sealed class HyperVUriTests
{
    [Theory]
    // Every example URI of libvirt's Hyper-V driver page.
    [InlineData("hyperv://example-hyperv.com", null, "example-hyperv.com", 5986, "https")]
    [InlineData("hyperv://example-hyperv.com/?transport=http", null, "example-hyperv.com", 5985, "http")]
    [InlineData("hyperv://administrator@example-hyperv.com", "administrator", "example-hyperv.com", 5986, "https")]
    [InlineData("hyperv://example-hyperv.com:5985/?transport=http", null, "example-hyperv.com", 5985, "http")]
    // The rest of the rules: explicit https, explicit ports, case, IPv6, an escaped user, a trailing slash.
    [InlineData("hyperv://example-hyperv.com/?transport=https", null, "example-hyperv.com", 5986, "https")]
    [InlineData("hyperv://example-hyperv.com:8443/", null, "example-hyperv.com", 8443, "https")]
    [InlineData("hyperv://h:5986/?transport=http", null, "h", 5986, "http")]
    [InlineData("HYPERV://h/?transport=HTTP", null, "h", 5985, "http")]
    [InlineData("hyperv://[::1]:5985/?transport=http", null, "::1", 5985, "http")]
    [InlineData("hyperv://DOMAIN%5Cuser@h/", "DOMAIN\\user", "h", 5986, "https")]
    public void Parse_DocumentedForms_GiveUserHostPortAndTransport(string text, string? user, string host, int port, string transport)
    {
        var uri = HyperVUri.Parse(text);

        uri.Should().BeEquivalentTo(new { User = user, Host = host, Port = port, Transport = transport == "https" ? WsManTransport.Https : WsManTransport.Http });
        uri.Warnings.Should().BeEmpty();
    }

    [Theory]
    [InlineData("hyperv://example-hyperv.com", "https://example-hyperv.com:5986/wsman")]
    [InlineData("hyperv://example-hyperv.com/?transport=http", "http://example-hyperv.com:5985/wsman")]
    [InlineData("hyperv://[fe80::1]:1234/?transport=http", "http://[fe80::1]:1234/wsman")]
    public void Endpoint_IsTheWsManPathOnTheTransportAndPort(string text, string endpoint) =>
        HyperVUri.Parse(text).Endpoint.AbsoluteUri.Should().Be(endpoint);

    [Fact]
    public void Parse_UnknownParameter_IsIgnoredWithAWarning()
    {
        var uri = HyperVUri.Parse("hyperv://h/?no_verify=1&transport=http");

        uri.Transport.Should().Be(WsManTransport.Http);
        uri.Warnings.Should().ContainSingle().Which.Should().Contain("'no_verify'");
    }

    [Theory]
    [InlineData("hyperv://h/?transport=ftp", "unexpected value 'ftp'")] // transport is http or https only
    [InlineData("hyperv://h/?transport=", "unexpected value ''")]
    [InlineData("hyperv+ssh://h/", "'hyperv+ssh' is not supported")] // client-side only: no libvirtd transports
    [InlineData("hyperv+tls://h/", "no transport part")]
    [InlineData("esx://h/", "'esx' is not supported")]
    [InlineData("hyperv://administrator:secret@h/", "password in the URI")] // never a password in the URI
    [InlineData("hyperv://:secret@h/", "password in the URI")]
    [InlineData("hyperv:///", "names no host")]
    [InlineData("hyperv://h/wsman", "Unexpected path")]
    [InlineData("h", "not a URI")]
    [InlineData("hyperv://h:0/", "Port 0")]
    public void Parse_BrokenRule_ThrowsWithTheReason(string text, string reason)
    {
        var parse = () => HyperVUri.Parse(text);

        parse.Should().Throw<HyperVUriException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void ToString_IsCanonicalAndHasNoPassword() =>
        HyperVUri.Parse("hyperv://admin@h").ToString().Should().Be("hyperv://admin@h:5986/?transport=https");
}
