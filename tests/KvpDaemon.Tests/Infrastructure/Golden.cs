// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using KvpDaemon.Protocol;

namespace KvpDaemon.Tests.Infrastructure;

/// <summary>Builds whole messages from literal bytes at absolute offsets, so a test shows the bytes it means.</summary>
internal static class Golden
{
    /// <summary>A zeroed message of the ABI's size with each (offset, hex bytes) pair written in.</summary>
    public static byte[] Message(KvpAbi abi, params (int Offset, string Hex)[] fields)
    {
        var message = new byte[abi.MessageSize];
        foreach (var (offset, hex) in fields)
        {
            Hex(hex).CopyTo(message, offset);
        }

        return message;
    }

    /// <summary>"61 62 00" → { 0x61, 0x62, 0x00 }.</summary>
    public static byte[] Hex(string hex) =>
        hex.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(b => byte.Parse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .ToArray();

    /// <summary>The ASCII bytes of <paramref name="text"/> followed by NUL, as hex.</summary>
    public static string Z(string text) =>
        string.Join(' ', text.Select(c => ((byte)c).ToString("x2", CultureInfo.InvariantCulture)).Append("00"));

    public static KvpAbi Abi(string name) => KvpAbi.TryParse(name, out var abi) ? abi : throw new ArgumentException(name);
}
