using System.Net;
using System.Text;

namespace ProcessBatching.Cli.Tests.Support;

/// <summary>
/// The service as pb sees it, without a network: answers by method and path (the answers of a
/// route in turn, the last one again), and every request kept for the spec to read.
/// </summary>
public sealed class FakeService : HttpMessageHandler
{
    private readonly Dictionary<(HttpMethod, string), Queue<Answer>> _routes = [];

    public List<Sent> Requests { get; } = [];

    /// <summary>What happens to requests no route answers; the default is a plain 404, as routing answers.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage>? Otherwise { get; set; }

    public FakeService On(HttpMethod method, string path, params Answer[] answers)
    {
        _routes[(method, path)] = new Queue<Answer>(answers);
        return this;
    }

    public FakeService OnGet(string path, params Answer[] answers) => On(HttpMethod.Get, path, answers);

    public FakeService OnPost(string path, params Answer[] answers) => On(HttpMethod.Post, path, answers);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new Sent(request.Method, request.RequestUri!, body, request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.MediaType));
        if (!_routes.TryGetValue((request.Method, request.RequestUri!.AbsolutePath), out var answers))
        {
            return Otherwise?.Invoke(request) ?? new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        var answer = answers.Count > 1 ? answers.Dequeue() : answers.Peek();
        return new HttpResponseMessage(answer.Status)
        {
            Content = new StringContent(answer.Body, Encoding.UTF8, answer.ContentType),
        };
    }
}

public sealed record Sent(HttpMethod Method, Uri Uri, string? Body, string? Authorization, string? ContentType)
{
    public string Route => $"{Method} {Uri.PathAndQuery}";
}

public sealed record Answer(HttpStatusCode Status, string Body, string ContentType = "application/json")
{
    public static Answer Ok(string json) => new(HttpStatusCode.OK, json);

    public static Answer Problem(HttpStatusCode status, string json) => new(status, json, "application/problem+json");
}
