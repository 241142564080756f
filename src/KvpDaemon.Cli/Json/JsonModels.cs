// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Cli.Json;

// The --json output schema, documented in hvkvp(1), JSON OUTPUT. Property names and order are a stable interface:
// add properties at the end, never rename or remove them.

/// <summary>One pool's records (list, params): <c>{"pool":1,"poolName":"guest","items":[...]}</c>.</summary>
internal sealed record PoolListing(int Pool, string PoolName, IReadOnlyList<KeyValueItem> Items);

/// <summary>One record of a listing: <c>{"key":"...","value":"..."}</c>.</summary>
internal sealed record KeyValueItem(string Key, string Value);

/// <summary>One value (get, wait): <c>{"pool":0,"poolName":"external","key":"...","value":"..."}</c>.</summary>
internal sealed record KeyValueResult(int Pool, string PoolName, string Key, string Value);

/// <summary>
/// One watch line: <c>{"event":"added","pool":0,"key":"...","value":"..."}</c>; event is added, changed or removed,
/// and a removed key has no value property.
/// </summary>
internal sealed record PoolEvent(string Event, int Pool, string Key, string? Value);
