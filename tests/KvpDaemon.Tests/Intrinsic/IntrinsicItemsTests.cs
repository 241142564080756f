// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;
using KvpDaemon.Intrinsic;
using KvpDaemon.Protocol;
using KvpDaemon.Tests.Intrinsic.Fakes;

namespace KvpDaemon.Tests.Intrinsic;

public sealed class IntrinsicItemsTests
{
    private static readonly OsInfo LinuxOs = new("6.8.0-45-generic", "Ubuntu", "22.04", "", "6.8.0", "x86_64");

    private readonly FakeFqdnSource _fqdn = new();
    private readonly FakeAddressListSource _addresses = new();

    [Fact]
    public void Enumerate_Indexes0To9_AnswerTheFixedTableInOrder()
    {
        var items = Items(KvpAbi.Linux);

        var replies = Enumerable.Range(0, 10).Select(index => items.Enumerate((uint)index)).ToList();

        replies.Should().Equal(
            Item("FullyQualifiedDomainName", "vm1.example.com"),
            Item("IntegrationServicesVersion", "Unknown version"),
            Item("NetworkAddressIPv4", "192.0.2.10;198.51.100.7"),
            Item("NetworkAddressIPv6", "2001:db8::10;fe80::215:5dff:fe00:1"),
            Item("OSBuildNumber", "6.8.0-45-generic"),
            Item("OSName", "Ubuntu"),
            Item("OSMajorVersion", "22.04"),
            Item("OSMinorVersion", ""),
            Item("OSVersion", "6.8.0"),
            Item("ProcessorArchitecture", "x86_64"));
    }

    [Fact]
    public async Task Enumerate_OsReadStillRunning_AnswersTheOtherItemsAndTheOsItemsOnceItEnds()
    {
        var reading = new TaskCompletionSource<OsInfo>();
        var items = new IntrinsicItems(KvpAbi.Linux, reading.Task, _fqdn, _addresses);

        // Blocks until the guard if an item other than the six OS ones waits for the read (the read never ends here).
        var before = await Task.Run(() => new[] { 0u, 1u, 2u, 3u }.Select(index => items.Enumerate(index)).ToList())
            .WaitAsync(TimeSpan.FromSeconds(30));
        reading.SetResult(LinuxOs);

        before.Should().HaveCount(4).And.AllBeOfType<KvpEnumerateReply>();
        items.Enumerate(5).Should().Be(Item("OSName", "Ubuntu"));
    }

    [Fact]
    public void Get_OsReadFailed_ThrowsItsIOExceptionForTheOsItemsOnly()
    {
        var items = new IntrinsicItems(KvpAbi.Linux, Task.FromException<OsInfo>(new IOException("uname: EFAULT")), _fqdn, _addresses);

        // The dispatcher answers an IOException with HV_E_FAIL and logs its message.
        items.Invoking(i => i.Get("OSName"u8)).Should().Throw<IOException>().WithMessage("uname: EFAULT");
        items.Get("IntegrationServicesVersion"u8).Should().Be(new KvpGetReply("Unknown version"));
    }

    [Theory]
    [InlineData(10u)]
    [InlineData(11u)]
    // The reference daemon keeps the index in a signed int, so these read out of bounds there (QUIRK-21).
    [InlineData(0x8000_0000u)]
    [InlineData(uint.MaxValue)]
    public void Enumerate_PastTheTable_AnswersContinue(uint index)
    {
        Items(KvpAbi.Linux).Enumerate(index).Should().Be(KvpStatusReply.Continue);
    }

    [Fact]
    public void Enumerate_KeyBytes_AreTheExactAsciiSpelling()
    {
        var reply = (KvpEnumerateReply)Items(KvpAbi.Linux).Enumerate(9);

        reply.Key.Bytes.ToArray().Should().Equal("ProcessorArchitecture"u8.ToArray());
        reply.Status.Should().Be(HvStatus.HV_S_OK);
    }

    [Fact]
    public void Enumerate_Index0_AsksTheFqdnSourceEveryTime()
    {
        var items = Items(KvpAbi.Linux);

        items.Enumerate(0);
        _fqdn.Value = "renamed.example.com";
        var reply = items.Enumerate(0);

        reply.Should().Be(Item("FullyQualifiedDomainName", "renamed.example.com"));
        _fqdn.Calls.Should().Be(2);
    }

    [Fact]
    public void Enumerate_OtherIndexes_DoNotResolveTheFqdn()
    {
        var items = Items(KvpAbi.Linux);

        for (uint index = 1; index <= 10; index++)
        {
            items.Enumerate(index);
        }

        _fqdn.Calls.Should().Be(0);
    }

    [Fact]
    public void Enumerate_AddressItems_AreReadLive()
    {
        var items = Items(KvpAbi.FreeBsd);

        items.Enumerate(2);
        _addresses.Value = new IntrinsicAddressLists("203.0.113.5;", "");

        items.Enumerate(2).Should().Be(Item("NetworkAddressIPv4", "203.0.113.5;"));
        items.Enumerate(3).Should().Be(Item("NetworkAddressIPv6", ""));
    }

    [Fact]
    public void IntegrationServicesVersion_Linux_IsUnknownUntilTheHandshakeThenTheKernelVersion()
    {
        var items = Items(KvpAbi.Linux);
        items.Enumerate(1).Should().Be(Item("IntegrationServicesVersion", "Unknown version"));

        items.SetIntegrationServicesVersion("3.1");

        items.Enumerate(1).Should().Be(Item("IntegrationServicesVersion", "3.1"));
        items.Get("IntegrationServicesVersion"u8).Should().Be(new KvpGetReply("3.1"));
    }

    [Fact]
    public void IntegrationServicesVersion_FreeBsd_IsThePreReleaseConstant()
    {
        Items(KvpAbi.FreeBsd).Enumerate(1).Should().Be(Item("IntegrationServicesVersion", "BSD Pre-Release version"));
    }

    [Theory]
    [InlineData("FullyQualifiedDomainName", "vm1.example.com")]
    [InlineData("NetworkAddressIPv6", "2001:db8::10;fe80::215:5dff:fe00:1")]
    [InlineData("OSMinorVersion", "")]
    [InlineData("ProcessorArchitecture", "x86_64")]
    public void Get_ItemName_AnswersItsValue(string key, string value)
    {
        Items(KvpAbi.Linux).Get(Encoding.UTF8.GetBytes(key)).Should().Be(new KvpGetReply(value));
    }

    [Theory]
    [InlineData("osname")]
    [InlineData("OSName ")]
    [InlineData("OSNam")]
    [InlineData("")]
    [InlineData("HostName")]
    public void Get_OtherKey_AnswersContinue(string key)
    {
        Items(KvpAbi.Linux).Get(Encoding.UTF8.GetBytes(key)).Should().Be(KvpStatusReply.Continue);
    }

    [Fact]
    public void Value_LongerThanTheField_IsCutTo2047Bytes()
    {
        _fqdn.Value = new string('a', 3000);

        var reply = (KvpEnumerateReply)Items(KvpAbi.Linux).Enumerate(0);

        reply.Value.Length.Should().Be(2047);
    }

    [Theory]
    // 2-, 3- and 4-byte characters: the cut falls before the character that would straddle byte 2047.
    [InlineData("é", 2046)]
    [InlineData("€", 2046)]
    [InlineData("😀", 2044)]
    public void Value_MultiByteText_IsCutBetweenCharacters(string character, int expectedBytes)
    {
        _fqdn.Value = string.Concat(Enumerable.Repeat(character, 2000));

        var reply = (KvpEnumerateReply)Items(KvpAbi.Linux).Enumerate(0);

        reply.Value.Length.Should().Be(expectedBytes);
        reply.Value.IsValidUtf8.Should().BeTrue();
        reply.Value.ToString().Should().Be(string.Concat(Enumerable.Repeat(character, expectedBytes / Encoding.UTF8.GetByteCount(character))));
    }

    [Fact]
    public void Value_ExactlyAtTheLimit_IsKept()
    {
        _fqdn.Value = new string('b', IntrinsicItems.MaxValueBytes);

        ((KvpEnumerateReply)Items(KvpAbi.Linux).Enumerate(0)).Value.Length.Should().Be(2047);
    }

    [Fact]
    public void Value_WithNul_EndsAtTheNul()
    {
        _fqdn.Value = "vm1\0garbage";

        Items(KvpAbi.Linux).Enumerate(0).Should().Be(Item("FullyQualifiedDomainName", "vm1"));
    }

    [Fact]
    public void Count_IsTen()
    {
        IntrinsicItems.Count.Should().Be(10);
    }

    private static KvpEnumerateReply Item(string key, string value) => new(key, value);

    [Fact]
    public void Enumerate_TextUnchanged_ReusesTheReplyAndAChangeIsSeenAtOnce()
    {
        var items = Items(KvpAbi.Linux);
        var first = items.Enumerate(0);

        items.Enumerate(0).Should().BeSameAs(first, "an unchanged value is not encoded again");
        _fqdn.Value = "vm2.example.com";
        items.Enumerate(0).Should().Be(new KvpEnumerateReply("FullyQualifiedDomainName", "vm2.example.com"));
        items.Get("FullyQualifiedDomainName"u8).Should().Be(new KvpGetReply("vm2.example.com"));
        _fqdn.Calls.Should().Be(4, "the source is still asked on every request");
    }

    private IntrinsicItems Items(KvpAbi abi) => new(abi, Task.FromResult(LinuxOs), _fqdn, _addresses);
}
