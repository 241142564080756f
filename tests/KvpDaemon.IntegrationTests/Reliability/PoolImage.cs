// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;

namespace KvpDaemon.IntegrationTests.Reliability;

/// <summary>
/// A pool file read straight from disk and checked against docs/protocol.md section 7: whole 2560-byte records, each key
/// and value NUL-terminated inside its field and zero-padded after it (what KvpDaemon and cloud-init write).
/// </summary>
internal sealed class PoolImage
{
    public const int RecordSize = 2560;
    public const int KeySize = 512;

    private PoolImage(long length, IReadOnlyList<(string Key, string Value)> records, IReadOnlyList<string> defects)
    {
        Length = length;
        Records = records;
        Defects = defects;
    }

    public long Length { get; }

    /// <summary>The whole records in file order.</summary>
    public IReadOnlyList<(string Key, string Value)> Records { get; }

    /// <summary>Every way the file is not well formed; empty when it is.</summary>
    public IReadOnlyList<string> Defects { get; }

    public static PoolImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var records = new List<(string, string)>();
        var defects = new List<string>();
        if (bytes.Length % RecordSize != 0)
        {
            defects.Add($"{bytes.Length} bytes is not a multiple of {RecordSize} (a partial record of {bytes.Length % RecordSize} bytes)");
        }

        for (var offset = 0; offset + RecordSize <= bytes.Length; offset += RecordSize)
        {
            var index = offset / RecordSize;
            var key = Field(bytes.AsSpan(offset, KeySize), index, "key", defects);
            var value = Field(bytes.AsSpan(offset + KeySize, RecordSize - KeySize), index, "value", defects);
            records.Add((key, value));
        }

        return new PoolImage(bytes.Length, records, defects);
    }

    /// <summary>Keys that occur more than once.</summary>
    public IReadOnlyList<string> DuplicateKeys() =>
        Records.GroupBy(record => record.Key, StringComparer.Ordinal).Where(group => group.Count() > 1).Select(group => group.Key).ToArray();

    private static string Field(ReadOnlySpan<byte> field, int index, string name, List<string> defects)
    {
        var end = field.IndexOf((byte)0);
        if (end < 0)
        {
            defects.Add($"record {index}: the {name} has no NUL");
            return Encoding.UTF8.GetString(field);
        }

        if (field[end..].IndexOfAnyExcept((byte)0) >= 0)
        {
            defects.Add($"record {index}: the {name} is not zero-padded after its NUL");
        }

        return Encoding.UTF8.GetString(field[..end]);
    }
}
