// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using KvpDaemon.Remote;

namespace KvpDaemon.Tests.Remote;

/// <summary>
/// Parsing of checked-in answers shaped like Hyper-V's (embedded instances XML-escaped in array elements, a WinRM
/// fault, a failing job), through the client as a caller uses it.
/// </summary>
public sealed class WsManResponseTests
{
    private static readonly Uri Endpoint = new("https://hv01.example.org:5986/wsman");

    [Fact]
    public async Task Intrinsic_EscapedEmbeddedInstances_AreParsedTwice()
    {
        var winRm = VmFound().RespondWithSample("enumerate_response.xml").RespondWithSample("pull_response_kvp_component.xml");
        using var client = Client(winRm);
        var hyperV = new HyperVKvpClient(client);
        var vm = await hyperV.FindVmAsync("web01", CancellationToken.None);

        var items = await hyperV.GetIntrinsicItemsAsync(vm, CancellationToken.None);

        vm.Should().Be(new HyperVVm("B5E1C4A2-7F30-4D8E-9C61-2A4F5E6D7C80", "web01", 2));
        items.Should().Equal(
            new KvpDataItem("FullyQualifiedDomainName", "web01.example.org", 2),
            new KvpDataItem("IntegrationServicesVersion", "3.1", 2),
            new KvpDataItem("NetworkAddressIPv4", "192.0.2.10;198.51.100.7", 2),
            new KvpDataItem("NetworkAddressIPv6", "2001:db8::10;fe80::215:5dff:fe00:1", 2),
            new KvpDataItem("OSName", "Debian GNU/Linux", 2));
        winRm.Requests[2].Should().Contain("SELECT * FROM Msvm_KvpExchangeComponent WHERE SystemName = \"B5E1C4A2-7F30-4D8E-9C61-2A4F5E6D7C80\"");
    }

    [Fact]
    public async Task Guest_ValueWithMarkup_ComesBackVerbatim()
    {
        var winRm = VmFound().RespondWithSample("enumerate_response.xml").RespondWithSample("pull_response_kvp_component.xml");
        using var client = Client(winRm);
        var hyperV = new HyperVKvpClient(client);

        var items = await hyperV.GetGuestItemsAsync(await hyperV.FindVmAsync("web01", CancellationToken.None), CancellationToken.None);

        items.Should().Equal(new KvpDataItem("cloud-init", "<ok> & \"done\"", 1));
    }

    [Fact]
    public async Task Enumerate_SoapFault_SurfacesTheReasonText()
    {
        var winRm = new FakeWinRm().RespondWithSample("fault_response.xml", HttpStatusCode.InternalServerError);
        using var client = Client(winRm);

        var list = () => new HyperVKvpClient(client).ListVmsAsync(CancellationToken.None);

        (await list.Should().ThrowAsync<WsManException>()).Which.Message.Should().Be(
            "WS-Management fault: The data source could not process the filter. The filter might be missing or it might be invalid. " +
            "Change the filter and try the request again.");
    }

    [Fact]
    public async Task AnyRequest_Http401_GivesTheAuthenticationMessage()
    {
        var winRm = new FakeWinRm().Respond(string.Empty, HttpStatusCode.Unauthorized);
        using var client = Client(winRm);

        var list = () => new HyperVKvpClient(client).ListVmsAsync(CancellationToken.None);

        (await list.Should().ThrowAsync<WsManAuthenticationException>()).Which.Message.Should().Be(
            "authentication failed (HTTP 401): check the user and password, and that WinRM allows Basic auth");
        winRm.Authorizations.Should().Equal("Basic " + Convert.ToBase64String("administrator:pw"u8.ToArray()));
    }

    [Fact]
    public async Task AnyRequest_HttpErrorWithoutSoap_GivesTheStatus()
    {
        var winRm = new FakeWinRm().Respond("<html>busy</html>", HttpStatusCode.ServiceUnavailable);
        using var client = Client(winRm);

        var list = () => new HyperVKvpClient(client).ListVmsAsync(CancellationToken.None);

        (await list.Should().ThrowAsync<WsManException>()).Which.Message.Should().Contain("HTTP 503");
    }

    [Fact]
    public async Task Add_JobFailsWithErrorDescription_ThrowsWithCodeAndDescription()
    {
        var winRm = VmFound()
            .RespondWithSample("enumerate_response.xml").RespondWithSample("pull_response_service.xml")
            .RespondWithSample("invoke_response_job_started.xml")
            .RespondWithSample("enumerate_response.xml").RespondWithSample("pull_response_job_running.xml")
            .RespondWithSample("enumerate_response.xml").RespondWithSample("pull_response_job_failed.xml");
        using var client = Client(winRm);
        var hyperV = new HyperVKvpClient(client, pollInterval: TimeSpan.Zero);
        var vm = await hyperV.FindVmAsync("web01", CancellationToken.None);

        var add = () => hyperV.AddAsync(vm, [new KvpDataItem("color", "blue", 0)], CancellationToken.None);

        var failure = (await add.Should().ThrowAsync<HyperVException>()).Which;
        failure.Code.Should().Be(32773);
        failure.Message.Should().Be(
            "AddKvpItems failed: the job ended in state Exception, error 32773 (invalid parameter (Add: the key already exists; " +
            "Modify: the key does not exist)): The operation failed because the key 'color' already exists.");
    }

    [Fact]
    public async Task Upsert_AddJobFailsWith32773_ModifiesInstead()
    {
        var winRm = VmFound()
            .RespondWithSample("enumerate_response.xml").RespondWithSample("pull_response_service.xml")
            .RespondWithSample("invoke_response_job_started.xml")
            .RespondWithSample("enumerate_response.xml").RespondWithSample("pull_response_job_failed.xml")
            .Respond(ReturnValueOnly("ModifyKvpItems", 0));
        using var client = Client(winRm);
        var hyperV = new HyperVKvpClient(client, pollInterval: TimeSpan.Zero);
        var vm = await hyperV.FindVmAsync("web01", CancellationToken.None);

        var created = await hyperV.UpsertAsync(vm, new KvpDataItem("color", "blue", 0), CancellationToken.None);

        created.Should().BeFalse();
        winRm.Requests[^1].Should().Contain("Msvm_VirtualSystemManagementService/ModifyKvpItems</a:Action>");
    }

    [Theory]
    [InlineData(32768u, "failed")]
    [InlineData(32769u, "access denied")]
    [InlineData(32770u, "not supported")]
    [InlineData(32771u, "status is unknown")]
    [InlineData(32772u, "timeout")]
    [InlineData(32773u, "invalid parameter")]
    [InlineData(32774u, "in use")]
    [InlineData(32775u, "invalid state")]
    [InlineData(32776u, "incorrect data type")]
    [InlineData(32777u, "not available")]
    [InlineData(32778u, "out of memory")]
    [InlineData(32779u, "not found")]
    [InlineData(1u, "undocumented")]
    public async Task Remove_ReturnValueError_IsMappedToItsMeaning(uint code, string meaning)
    {
        var winRm = VmFound()
            .RespondWithSample("enumerate_response.xml").RespondWithSample("pull_response_service.xml")
            .Respond(ReturnValueOnly("RemoveKvpItems", code));
        using var client = Client(winRm);
        var hyperV = new HyperVKvpClient(client);
        var vm = await hyperV.FindVmAsync("web01", CancellationToken.None);

        var remove = () => hyperV.RemoveAsync(vm, [new KvpDataItem("color", string.Empty, 0)], CancellationToken.None);

        var failure = (await remove.Should().ThrowAsync<HyperVException>()).Which;
        failure.Code.Should().Be(code);
        failure.Message.Should().StartWith($"RemoveKvpItems failed: {code} (").And.Contain(meaning);
    }

    [Fact]
    public async Task Add_MoreThan128Items_IsSplitIntoCallsOf128()
    {
        var winRm = VmFound()
            .RespondWithSample("enumerate_response.xml").RespondWithSample("pull_response_service.xml")
            .Respond(ReturnValueOnly("AddKvpItems", 0)).Respond(ReturnValueOnly("AddKvpItems", 0));
        using var client = Client(winRm);
        var hyperV = new HyperVKvpClient(client);
        var vm = await hyperV.FindVmAsync("web01", CancellationToken.None);
        var items = Enumerable.Range(0, 130).Select(i => new KvpDataItem($"k{i}", "v", 0)).ToArray();

        await hyperV.AddAsync(vm, items, CancellationToken.None);

        winRm.Requests.Should().HaveCount(6);
        CountOf(winRm.Requests[4], "<p:DataItems>").Should().Be(128);
        CountOf(winRm.Requests[5], "<p:DataItems>").Should().Be(2);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private static FakeWinRm VmFound() =>
        new FakeWinRm().RespondWithSample("enumerate_response.xml").RespondWithSample("pull_response_vm.xml");

    private static WsManClient Client(FakeWinRm winRm) => new(Endpoint, "administrator", "pw", winRm, TimeSpan.FromSeconds(30));

    private static string ReturnValueOnly(string method, uint code) =>
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>" +
        $"<p:{method}_OUTPUT xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_VirtualSystemManagementService\">" +
        $"<p:ReturnValue>{code}</p:ReturnValue></p:{method}_OUTPUT></s:Body></s:Envelope>";
}
