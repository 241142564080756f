// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;
using System.Xml.Linq;
using KvpDaemon.Remote;

namespace KvpDaemon.Tests.Remote;

/// <summary>
/// The SOAP requests, compared with the checked-in expected XML under Samples/Remote (MessageID GUIDs normalised).
/// </summary>
public sealed partial class WsManRequestTests
{
    private static readonly Uri Endpoint = new("https://hv01.example.org:5986/wsman");

    [Fact]
    public void Enumerate_WqlAgainstTheNamespaceWildcard_MatchesSample()
    {
        var request = WsManMessages.Enumerate(
            Endpoint, WsManNames.VirtualizationV2Wildcard, Wql.VmByName("web01"), Guid.NewGuid(), TimeSpan.FromSeconds(60));

        Normalise(request).Should().Be(Sample("enumerate_request.xml"));
    }

    [Fact]
    public void Pull_AgainstTheClassUri_MatchesSample()
    {
        var request = WsManMessages.Pull(
            Endpoint, WsManNames.ClassUri("Msvm_ComputerSystem"), "uuid:7D2E4C19-0B6A-4F0E-8C55-6A1B2C3D4E5F", Guid.NewGuid(), TimeSpan.FromSeconds(60), 100);

        Normalise(request).Should().Be(Sample("pull_request.xml"));
    }

    [Fact]
    public async Task AddKvpItems_Invoke_MatchesSampleWithEmbeddedInstanceAndTargetSystemEpr()
    {
        var winRm = new FakeWinRm()
            .RespondWithSample("enumerate_response.xml").RespondWithSample("pull_response_vm.xml")
            .RespondWithSample("enumerate_response.xml").RespondWithSample("pull_response_service.xml")
            .RespondWithSample("invoke_response_job_started.xml")
            .RespondWithSample("enumerate_response.xml").RespondWithSample("pull_response_job_completed.xml");
        using var client = new WsManClient(Endpoint, "administrator", "pw", winRm, TimeSpan.FromSeconds(60));
        var hyperV = new HyperVKvpClient(client);
        var vm = await hyperV.FindVmAsync("web01", CancellationToken.None);

        await hyperV.AddAsync(vm, [new KvpDataItem("color", "blue & <green>", KvpDataItem.HostSource)], CancellationToken.None);

        Normalise(XDocument.Parse(winRm.Requests[4])).Should().Be(Sample("invoke_addkvpitems_request.xml"));
        Normalise(XDocument.Parse(winRm.Requests[5])).Should().Contain(
            "SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = \"0D3C4B5A-6E7F-4A8B-9C0D-1E2F3A4B5C6D\"");
    }

    [Fact]
    public void EmbeddedInstance_WithADtd_IsRefusedNotExpanded()
    {
        // A hostile server can escape a DTD into an array element as easily as into the envelope.
        var embedded = "<!DOCTYPE INSTANCE [<!ENTITY a \"aaaaaaaaaaaaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>" +
            "<INSTANCE CLASSNAME=\"Msvm_KvpExchangeDataItem\"><PROPERTY NAME=\"Name\" TYPE=\"string\"><VALUE>&b;</VALUE></PROPERTY></INSTANCE>";

        var parse = () => KvpDataItem.Parse(embedded);

        parse.Should().Throw<WsManException>().WithMessage("*DTD*");
    }

    [Fact]
    public void EmbeddedInstance_ParsedBack_RoundTrips()
    {
        var item = new KvpDataItem("k\"ey", "<v> & ä", 0);

        KvpDataItem.Parse(item.ToEmbeddedInstance()).Should().Be(item);
        item.ToEmbeddedInstance().Should().Be(
            "<INSTANCE CLASSNAME=\"Msvm_KvpExchangeDataItem\"><PROPERTY NAME=\"Data\" TYPE=\"string\"><VALUE>&lt;v&gt; &amp; ä</VALUE></PROPERTY>" +
            "<PROPERTY NAME=\"Name\" TYPE=\"string\"><VALUE>k\"ey</VALUE></PROPERTY><PROPERTY NAME=\"Source\" TYPE=\"uint16\"><VALUE>0</VALUE></PROPERTY></INSTANCE>");
    }

    [Theory]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData("c:\\x", "\"c:\\\\x\"")]
    public void WqlQuote_EscapesQuotesAndBackslashes(string value, string quoted) => Wql.Quote(value).Should().Be(quoted);

    /// <summary>The document indented, with every MessageID GUID replaced by zeros.</summary>
    internal static string Normalise(XDocument document) =>
        MessageIdPattern().Replace(document.ToString(), "uuid:00000000-0000-0000-0000-000000000000");

    internal static string Sample(string name) =>
        Normalise(XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Samples", "Remote", name)));

    [GeneratedRegex("uuid:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?=</a:MessageID>)")]
    private static partial Regex MessageIdPattern();
}
