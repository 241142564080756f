// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace KvpDaemon.Cli.Commands;

/// <summary><c>hvkvp remote list-vms --json</c>: one VM.</summary>
internal sealed record RemoteVmJson(string Name, string Id, string State);

/// <summary><c>hvkvp remote vm VM intrinsic|guest|host --json</c>: one item, with its WMI Source (0, 1 or 2).</summary>
internal sealed record RemoteItemJson(string Key, string Value, int Source);

/// <summary><c>hvkvp remote network VM --json</c>: one guest NIC.</summary>
internal sealed record RemoteAdapterJson(
    string InstanceId, bool? DhcpEnabled, IReadOnlyList<string> IpAddresses, IReadOnlyList<string> Subnets,
    IReadOnlyList<string> DefaultGateways, IReadOnlyList<string> DnsServers);

/// <summary><c>hvkvp remote add|modify|upsert|remove --json</c>: what was done.</summary>
internal sealed record RemoteChangeJson(string Vm, string Operation, string Key, string? Value, bool? Created);

/// <summary>Source-generated (trim-safe) JSON of the remote commands; camelCase like the rest of hvkvp.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RemoteVmJson[]))]
[JsonSerializable(typeof(RemoteItemJson[]))]
[JsonSerializable(typeof(RemoteAdapterJson[]))]
[JsonSerializable(typeof(RemoteChangeJson))]
internal sealed partial class RemoteJsonContext : JsonSerializerContext;
