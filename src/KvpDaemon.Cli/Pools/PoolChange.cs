// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Pools;
using KvpDaemon.Protocol;

namespace KvpDaemon.Cli.Pools;

/// <summary>What happened to one key between two reads of a pool.</summary>
internal enum PoolChangeKind
{
    Added,
    Changed,
    Removed,
}

/// <summary>One key's change; <see cref="Value"/> is the new value, empty for <see cref="PoolChangeKind.Removed"/>.</summary>
internal readonly record struct PoolChange(PoolChangeKind Kind, KvpText Key, KvpText Value)
{
    /// <summary>
    /// The changes from <paramref name="before"/> to <paramref name="after"/>, keyed by the first record of each key
    /// (the daemon's rule for duplicates): added and changed keys in the new file order, then removed keys in the old.
    /// </summary>
    public static IReadOnlyList<PoolChange> Between(IReadOnlyList<KvpRecord> before, IReadOnlyList<KvpRecord> after)
    {
        var old = FirstValues(before);
        var current = FirstValues(after);
        var changes = new List<PoolChange>();
        foreach (var (key, value) in current)
        {
            if (!old.TryGetValue(key, out var previous))
            {
                changes.Add(new PoolChange(PoolChangeKind.Added, key, value));
            }
            else if (previous != value)
            {
                changes.Add(new PoolChange(PoolChangeKind.Changed, key, value));
            }
        }

        foreach (var key in old.Keys)
        {
            if (!current.ContainsKey(key))
            {
                changes.Add(new PoolChange(PoolChangeKind.Removed, key, KvpText.Empty));
            }
        }

        return changes;
    }

    /// <summary>Key to value of the first record with each key, enumerating in file order.</summary>
    private static OrderedDictionary<KvpText, KvpText> FirstValues(IReadOnlyList<KvpRecord> records)
    {
        var values = new OrderedDictionary<KvpText, KvpText>();
        foreach (var record in records)
        {
            values.TryAdd(record.Key, record.Value);
        }

        return values;
    }
}
