using ProcessBatching.Cli.Tests.Support;

namespace ProcessBatching.Cli.Tests;

public sealed class When_pb_chooses_the_service_and_the_token
{
    private readonly FakeService _service = new FakeService().OnGet("/api/process-batches", Answer.Ok("""{"items":[],"page":1,"page_size":50,"total_count":0,"page_count":1}"""));

    [Fact]
    public async Task Should_call_the_local_service_without_a_token_by_default()
    {
        var run = await PbRun.RunAsync(_service, ["batch", "list"]);

        run.ExitCode.ShouldBe(0, run.ToString());
        var sent = _service.Requests.ShouldHaveSingleItem();
        sent.Uri.ToString().ShouldBe("http://127.0.0.1:5080/api/process-batches");
        sent.Authorization.ShouldBeNull();
    }

    [Fact]
    public async Task Should_take_the_server_and_token_from_PB_SERVER_and_PB_TOKEN()
    {
        var run = await PbRun.RunAsync(_service, ["batch", "list"],
            new() { ["PB_SERVER"] = "https://batches.example.test:8443", ["PB_TOKEN"] = "from-the-environment" });

        run.ExitCode.ShouldBe(0, run.ToString());
        var sent = _service.Requests.ShouldHaveSingleItem();
        sent.Uri.ToString().ShouldBe("https://batches.example.test:8443/api/process-batches");
        sent.Authorization.ShouldBe("Bearer from-the-environment");
    }

    [Fact]
    public async Task Should_prefer_the_options_to_the_environment()
    {
        _service.OnGet("/batching/api/process-batches", Answer.Ok("""{"items":[],"page":1,"page_size":50,"total_count":0,"page_count":1}"""));
        var run = await PbRun.RunAsync(_service, ["batch", "list", "--server", "http://10.0.0.7:5080/batching", "--token", "from-the-option"],
            new() { ["PB_SERVER"] = "http://elsewhere:5080", ["PB_TOKEN"] = "from-the-environment" });

        run.ExitCode.ShouldBe(0, run.ToString());
        var sent = _service.Requests.ShouldHaveSingleItem();
        sent.Uri.ToString().ShouldBe("http://10.0.0.7:5080/batching/api/process-batches", "a service under a path prefix keeps it");
        sent.Authorization.ShouldBe("Bearer from-the-option");
    }

    [Fact]
    public async Task Should_refuse_an_address_that_is_not_http_and_send_nothing()
    {
        var run = await PbRun.RunAsync(_service, ["batch", "list", "--server", "ftp://127.0.0.1"]);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("\"ftp://127.0.0.1\" is not an http:// or https:// URL");
        _service.Requests.ShouldBeEmpty();
    }
}
