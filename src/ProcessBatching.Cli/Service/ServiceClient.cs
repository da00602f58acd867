using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ProcessBatching.Cli.Service;

/// <summary>
/// The service's HTTP API as <c>pb</c> uses it: JSON in and out, a bearer token when one is given, and
/// every failure turned into a <see cref="PbException"/> that says what went wrong in words.
/// </summary>
public sealed class ServiceClient : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;

    private ServiceClient(HttpClient http, Uri server)
    {
        _http = http;
        Server = server;
    }

    public Uri Server { get; }

    /// <summary>The client for <paramref name="settings"/>: <c>--server</c>, else <c>PB_SERVER</c>, else the local default; likewise the token.</summary>
    public static ServiceClient For(ServiceSettings settings, Terminal terminal)
    {
        var address = Given(settings.Server) ?? Given(terminal.Variable("PB_SERVER")) ?? ServiceSettings.DefaultServer;
        if (!Uri.TryCreate(address.EndsWith('/') ? address : address + "/", UriKind.Absolute, out var server)
            || server.Scheme is not ("http" or "https"))
        {
            throw new PbException($"the server address \"{address}\" is not an http:// or https:// URL (--server or PB_SERVER).");
        }

        var http = new HttpClient(terminal.Network()) { BaseAddress = server, Timeout = RequestTimeout };
        if ((Given(settings.Token) ?? Given(terminal.Variable("PB_TOKEN"))) is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return new ServiceClient(http, server);
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>
    /// POSTs <paramref name="body"/> as JSON; an action without one sends <c>{}</c>, so an endpoint that
    /// reads optional fields from its body gets a JSON body either way.
    /// </summary>
    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken, Func<string, string>? fieldName = null) =>
        SendAsync(HttpMethod.Post, path, body ?? new { }, cancellationToken, fieldName);

    private async Task<JsonElement> SendAsync(
        HttpMethod method, string path, object? body, CancellationToken cancellationToken, Func<string, string>? fieldName = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, Json.Options), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new ServiceUnreachableException(Unreachable(exception));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceUnreachableException($"the service at {Server} did not answer {method} /{path} within {RequestTimeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new PbException(Problem.Describe(method, path, response, text, fieldName ?? (field => field)));
            }

            try
            {
                return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new PbException($"{method} /{path} answered {(int)response.StatusCode} with a body that is not JSON: {Problem.Shorten(text)}");
            }
        }
    }

    private string Unreachable(HttpRequestException exception)
    {
        var reason = exception.InnerException is SocketException socket
            ? socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound or SocketError.NoData => "no such host",
                _ => socket.Message,
            }
            : exception.HttpRequestError == HttpRequestError.NameResolutionError ? "no such host" : exception.Message;
        return $"could not reach the service at {Server}: {reason}. Is it running? Give its address with --server or PB_SERVER.";
    }

    public void Dispose() => _http.Dispose();
}
