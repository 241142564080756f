// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IpConfig;
using KvpDaemon.Protocol;

namespace KvpDaemon.Tests.IpConfig;

/// <summary>
/// Hostile and malformed requests: each gets its status, and nothing is written or run (docs/protocol.md 6.1, QUIRK-15).
/// The valid baseline is 192.168.1.10/255.255.255.0 via 192.168.1.1, DNS 8.8.8.8, on the known adapter.
/// </summary>
public sealed class SetIpInfoHandlerValidationTests : IDisposable
{
    private const string V4 = "192.168.1.10";
    private const string Mask = "255.255.255.0";
    private readonly IpConfigTestSystem _system = new();

    public void Dispose() => _system.Dispose();

    public static TheoryData<string> HostileCases() => new(Hostile.Keys);

    private static readonly Dictionary<string, (KvpSetIpInfoRequest Request, HvStatus Expected)> Hostile = new()
    {
        // Newlines would forge extra KEY=VALUE lines in a generated file.
        ["newline in address"] = (Req(ip: "192.168.1.10\nBOOTPROTO=dhcp"), HvStatus.HV_INVALIDARG),
        ["carriage return in gateway"] = (Req(gw: "192.168.1.1\r"), HvStatus.HV_INVALIDARG),
        ["NUL-free control char in dns"] = (Req(dns: "8.8.8.8\u0007"), HvStatus.HV_INVALIDARG),
        // ';' is the list separator: an extra empty item is dropped, but text after it must still be an address.
        ["shell ';' command in dns"] = (Req(dns: "8.8.8.8; rm -rf /"), HvStatus.HV_INVALIDARG),
        ["command substitution"] = (Req(ip: "$(reboot)"), HvStatus.HV_INVALIDARG),
        ["backticks"] = (Req(gw: "`reboot`"), HvStatus.HV_INVALIDARG),
        ["pipe in subnet"] = (Req(sub: "255.255.255.0|sh"), HvStatus.HV_INVALIDARG),
        ["2000-char token (QUIRK-15)"] = (Req(ip: new string('1', 2000)), HvStatus.HV_INVALIDARG),
        ["46-char IPv6-looking token"] = (Req(ip: "0000:0000:0000:0000:0000:0000:0000:0001:00000"), HvStatus.HV_INVALIDARG),
        ["non-contiguous mask"] = (Req(sub: "255.0.255.0"), HvStatus.HV_INVALIDARG),
        ["prefix where a dotted mask belongs (QUIRK-22)"] = (Req(sub: "24"), HvStatus.HV_INVALIDARG),
        ["IPv6 in an IPv4 mask slot"] = (Req(sub: "ffff:ffff::"), HvStatus.HV_INVALIDARG),
        ["IPv6 prefix out of range"] = (Req(ip: "2001:db8::1", sub: "129"), HvStatus.HV_INVALIDARG),
        ["IPv6 non-contiguous mask"] = (Req(ip: "2001:db8::1", sub: "ffff:0:ffff::"), HvStatus.HV_INVALIDARG),
        ["more addresses than subnets"] = (Req(ip: "192.168.1.10;192.168.1.11"), HvStatus.HV_INVALIDARG),
        ["more subnets than addresses"] = (Req(sub: "255.255.255.0;255.255.255.0"), HvStatus.HV_INVALIDARG),
        ["short IPv4 form"] = (Req(ip: "127.1"), HvStatus.HV_INVALIDARG),
        ["octal-looking octet"] = (Req(ip: "192.168.01.10"), HvStatus.HV_INVALIDARG),
        ["IPv6 scope id"] = (Req(ip: "fe80::1%eth0", sub: "64"), HvStatus.HV_INVALIDARG),
        ["hostname as gateway"] = (Req(gw: "router.example.com"), HvStatus.HV_INVALIDARG),
        ["multicast address"] = (Req(ip: "224.0.0.1"), HvStatus.HV_INVALIDARG),
        ["static without addresses"] = (Req(ip: string.Empty, sub: string.Empty), HvStatus.HV_INVALIDARG),
        ["unknown GUID"] = (Req(adapter: "{ffffffff-0000-4000-8000-000000000000}"), HvStatus.HV_GUID_NOTFOUND),
        ["interface name on Linux"] = (Req(adapter: "eth0"), HvStatus.HV_GUID_NOTFOUND),
        ["path traversal as adapter"] = (Req(adapter: "../../etc/passwd"), HvStatus.HV_GUID_NOTFOUND),
        ["shell text as adapter"] = (Req(adapter: "eth0; reboot"), HvStatus.HV_GUID_NOTFOUND),
        ["empty adapter"] = (Req(adapter: string.Empty), HvStatus.HV_GUID_NOTFOUND),
    };

    [Theory]
    [MemberData(nameof(HostileCases))]
    public async Task ApplyAsync_HostileInput_RefusedWithoutSideEffects(string defect)
    {
        var (request, expected) = Hostile[defect];

        var status = await _system.ApplyAsync(request);

        status.Should().Be(expected, defect);
        _system.Runner.Commands.Should().BeEmpty(defect);
        _system.FilesUnderRoot().Should().BeEmpty(defect);
    }

    [Theory]
    [InlineData("{A1B2C3D4-0000-4000-8000-00155D010203}")]
    [InlineData("a1b2c3d4-0000-4000-8000-00155d010203")]
    [InlineData(" {a1b2c3d4-0000-4000-8000-00155d010203}")]
    public async Task ApplyAsync_GuidCaseOrBracesDiffer_StillFindsAdapter(string adapter)
    {
        (await _system.ApplyAsync(Req(adapter: adapter))).Should().Be(HvStatus.HV_S_OK);
        _system.Runner.Commands.Select(c => string.Join(' ', c)).Should().Equal("networkctl reload", "networkctl reconfigure eth0", "networkctl status --no-pager -n 0 eth0");
    }

    [Theory]
    [InlineData("2001:db8::1", "64")]
    [InlineData("2001:db8::1", "/64")]
    [InlineData("2001:db8::1", "ffff:ffff:ffff:ffff::")]
    public void Parse_Ipv6SubnetForms_AllGivePrefix64(string ip, string subnet)
    {
        var parsed = IpSettingsParser.Parse(Req(ip: ip, sub: subnet));

        parsed.Error.Should().BeNull();
        parsed.Settings!.Addresses.Single().PrefixLength.Should().Be(64);
    }

    [Fact]
    public void Parse_LeadingSpacesAndEmptyItems_AreTolerated()
    {
        var parsed = IpSettingsParser.Parse(Req(ip: " 10.0.0.1;;10.0.0.2;", sub: "255.0.0.0; 255.255.0.0"));

        parsed.Settings!.Addresses.Select(a => a.Cidr).Should().Equal("10.0.0.1/8", "10.0.0.2/16");
    }

    private static KvpSetIpInfoRequest Req(
        string ip = V4, string sub = Mask, string gw = "192.168.1.1", string dns = "8.8.8.8", string adapter = IpConfigTestSystem.Guid) =>
        IpConfigTestSystem.Request(ip, sub, gw, dns, adapter: adapter);
}
