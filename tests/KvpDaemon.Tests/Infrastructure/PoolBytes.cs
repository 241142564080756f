// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;

namespace KvpDaemon.Tests.Infrastructure;

/// <summary>Builds pool-file bytes by hand, the way another writer (cloud-init's struct.pack("512s2048s")) would.</summary>
internal static class PoolBytes
{
    public static byte[] Record(string key, string value)
    {
        var record = new byte[2560];
        Encoding.UTF8.GetBytes(key).CopyTo(record, 0);
        Encoding.UTF8.GetBytes(value).CopyTo(record, 512);
        return record;
    }

    public static byte[] Records(params (string Key, string Value)[] records) =>
        records.SelectMany(r => Record(r.Key, r.Value)).ToArray();

    /// <summary>The (key, value) pairs of a pool file, each field cut at its first NUL.</summary>
    public static IReadOnlyList<(string Key, string Value)> Parse(byte[] file)
    {
        var result = new List<(string, string)>();
        for (var offset = 0; offset + 2560 <= file.Length; offset += 2560)
        {
            result.Add((Field(file.AsSpan(offset, 512)), Field(file.AsSpan(offset + 512, 2048))));
        }

        return result;
    }

    private static string Field(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }
}
