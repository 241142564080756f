// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;
using KvpDaemon.HostSimulator.Demo;
using KvpDaemon.Tests.HostSimulator.Infrastructure;

namespace KvpDaemon.Tests.HostSimulator;

public sealed class PoolRecordAppenderTests
{
    [Fact]
    public void EncodeRecord_KeyAndValue_FillsFixedFieldsWithNulPadding()
    {
        var record = PoolRecordAppender.EncodeRecord("CLOUD_INIT|k", "välue");

        record.Should().HaveCount(2560);
        record.AsSpan(0, 12).ToArray().Should().Equal(Encoding.UTF8.GetBytes("CLOUD_INIT|k"));
        record.AsSpan(12, 500).ToArray().Should().OnlyContain(b => b == 0);
        record.AsSpan(512, 6).ToArray().Should().Equal(Encoding.UTF8.GetBytes("välue"));
        record.AsSpan(518).ToArray().Should().OnlyContain(b => b == 0);
    }

    [Theory]
    [InlineData(512, 1)]
    [InlineData(1, 2048)]
    public void EncodeRecord_NoRoomForTerminator_Throws(int keyLength, int valueLength)
    {
        var act = () => PoolRecordAppender.EncodeRecord(new string('k', keyLength), new string('v', valueLength));

        act.Should().Throw<ArgumentException>().WithMessage("*at most*");
    }

    [Fact]
    public async Task Append_TwoRecords_AppendsAtTheEnd()
    {
        using var directory = new TempSocketPath();
        var file = Path.Combine(directory.Directory, ".kvp_pool_1");
        await File.WriteAllBytesAsync(file, PoolRecordAppender.EncodeRecord("existing", "1"));

        PoolRecordAppender.Append(file, "second", "2");
        PoolRecordAppender.Append(file, "third", "3");

        var bytes = await File.ReadAllBytesAsync(file);
        bytes.Should().HaveCount(3 * 2560);
        bytes.AsSpan(2560, 2560).ToArray().Should().Equal(PoolRecordAppender.EncodeRecord("second", "2"));
        bytes.AsSpan(5120, 2560).ToArray().Should().Equal(PoolRecordAppender.EncodeRecord("third", "3"));
    }
}
