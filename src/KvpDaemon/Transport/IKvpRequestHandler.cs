// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;

namespace KvpDaemon.Transport;

/// <summary>
/// What <see cref="KvpChannel"/> hands each well-formed request to (the daemon's <c>KvpDispatcher</c>). Pool requests,
/// most of what a host sends, are answered synchronously and in place; the rest as objects, possibly asynchronously.
/// </summary>
internal interface IKvpRequestHandler
{
    /// <summary>
    /// Answers a GET, SET, DELETE or ENUMERATE into <paramref name="reply"/>. The request's key and value are views of
    /// the received message, valid during the call only.
    /// </summary>
    void Serve(KvpPoolRequest request, ref KvpReplyWriter reply, CancellationToken cancellationToken);

    /// <summary>
    /// Answers a request as an object: the channel gives it every request it does not serve in place (GET_IP_INFO,
    /// SET_IP_INFO, an unknown operation).
    /// </summary>
    ValueTask<KvpReply> HandleAsync(KvpRequest request, CancellationToken cancellationToken);
}
