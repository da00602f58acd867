using System.Net;
using System.Collections.Concurrent;

namespace ProcessBatching.Integration.Tests.Operations;

/// <summary>
/// An OTLP/HTTP (protobuf) collector for one test: it answers 200 to every export and keeps the
/// spans it reads from <c>/v1/traces</c> and the raw bodies of <c>/v1/metrics</c>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public OtlpReceiver()
    {
        Endpoint = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public ConcurrentBag<OtlpSpan> Spans { get; } = [];

    public ConcurrentBag<byte[]> MetricExports { get; } = [];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            switch (context.Request.Url?.AbsolutePath)
            {
                case "/v1/traces":
                    foreach (var span in OtlpSpan.ReadExport(body.ToArray()))
                    {
                        Spans.Add(span);
                    }

                    break;
                case "/v1/metrics":
                    MetricExports.Add(body.ToArray());
                    break;
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
