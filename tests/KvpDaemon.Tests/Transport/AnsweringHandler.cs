// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;
using KvpDaemon.Transport;

namespace KvpDaemon.Tests.Transport;

/// <summary>A request handler for channel tests: answers every request with what <c>answer</c> returns (or throws).</summary>
internal sealed class AnsweringHandler(Func<KvpReply> answer) : IKvpRequestHandler
{
    /// <summary>The operations served in place, in order.</summary>
    public List<KvpOperation> ServedInPlace { get; } = [];

    /// <summary>The requests handled as objects, in order.</summary>
    public List<KvpRequest> HandledAsObjects { get; } = [];

    public void Serve(KvpPoolRequest request, ref KvpReplyWriter reply, CancellationToken cancellationToken)
    {
        ServedInPlace.Add(request.Operation);
        reply.Object(answer());
    }

    public ValueTask<KvpReply> HandleAsync(KvpRequest request, CancellationToken cancellationToken)
    {
        HandledAsObjects.Add(request);
        return ValueTask.FromResult(answer());
    }
}
