// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Cli.Pools;
using KvpDaemon.Pools;

namespace KvpDaemon.Tests.Cli;

public sealed class PoolChangeTests
{
    [Fact]
    public void Between_MixedChanges_ReportsAddedAndChangedInNewOrderThenRemoved()
    {
        KvpRecord[] before = [new("a", "1"), new("b", "2"), new("c", "3")];
        KvpRecord[] after = [new("c", "3"), new("d", "4"), new("a", "9")];

        var changes = PoolChange.Between(before, after);

        changes.Select(c => (c.Kind, c.Key.ToString(), c.Value.ToString())).Should().Equal(
            (PoolChangeKind.Added, "d", "4"),
            (PoolChangeKind.Changed, "a", "9"),
            (PoolChangeKind.Removed, "b", string.Empty));
    }

    [Fact]
    public void Between_DuplicateKeys_ComparesTheFirstRecordOfEach()
    {
        KvpRecord[] before = [new("k", "first"), new("k", "second")];
        KvpRecord[] after = [new("k", "first")];

        PoolChange.Between(before, after).Should().BeEmpty("the daemon only ever sees the first record of a key");
    }

    [Fact]
    public void Between_Identical_IsEmpty()
    {
        KvpRecord[] records = [new("a", "1")];

        PoolChange.Between(records, records.ToArray()).Should().BeEmpty();
    }
}
