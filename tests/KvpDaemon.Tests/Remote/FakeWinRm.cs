// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using System.Text;

namespace KvpDaemon.Tests.Remote;

/// <summary>
/// An HTTP handler that answers each request with the next canned response and records the requests, so a
/// <see cref="KvpDaemon.Remote.WsManClient"/> can be tested on checked-in WinRM answers.
/// </summary>
internal sealed class FakeWinRm : HttpMessageHandler
{
    private readonly Queue<(HttpStatusCode Status, string Body)> _responses = new();

    public List<string> Requests { get; } = [];

    public List<string?> Authorizations { get; } = [];

    public FakeWinRm Respond(string body, HttpStatusCode status = HttpStatusCode.OK)
    {
        _responses.Enqueue((status, body));
        return this;
    }

    /// <summary>Answers with the sample file <c>Samples/Remote/<paramref name="name"/></c>.</summary>
    public FakeWinRm RespondWithSample(string name, HttpStatusCode status = HttpStatusCode.OK) =>
        Respond(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "Remote", name)), status);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
        Authorizations.Add(request.Headers.Authorization?.ToString());
        if (!_responses.TryDequeue(out var response))
        {
            throw new InvalidOperationException($"No canned response left for request {Requests.Count}.");
        }

        return new HttpResponseMessage(response.Status)
        {
            Content = new StringContent(response.Body, Encoding.UTF8, "application/soap+xml"),
        };
    }
}
