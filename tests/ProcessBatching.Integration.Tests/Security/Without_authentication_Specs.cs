using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Security;

/// <summary>No Auth__* setting, as deploy/run.sh and the tests start the service: it answers this machine only.</summary>
public sealed class When_the_service_runs_without_authentication(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task Should_let_a_caller_on_this_machine_do_everything(string address)
    {
        var list = await SendFromAsync(address, "GET", "/api/process-batches");
        var retry = await SendFromAsync(address, "POST", $"/api/processes/{Guid.NewGuid()}/retry");

        list.Response.StatusCode.ShouldBe(StatusCodes.Status200OK);
        retry.Response.StatusCode.ShouldBe(StatusCodes.Status404NotFound, "an operator action, refused only because there is no such process");
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.0.7")]
    [InlineData("fd00::5")]
    public async Task Should_refuse_a_caller_from_another_machine_with_problem_details(string address)
    {
        foreach (var (method, path) in new[] { ("GET", "/api/process-batches"), ("GET", "/process-batches"), ("GET", "/health/ready"), ("POST", "/api/processes/batch") })
        {
            var context = await SendFromAsync(address, method, path);

            context.Response.StatusCode.ShouldBe(StatusCodes.Status403Forbidden, $"{method} {path} from {address}");
            context.Response.ContentType.ShouldBe("application/problem+json");
        }
    }

    [Theory]
    [InlineData("Origin", "http://elsewhere.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task Should_refuse_an_action_another_sites_page_makes_a_browser_on_this_machine_send(string header, string value)
    {
        var context = await SendFromAsync("127.0.0.1", "POST", $"/api/processes/{Guid.NewGuid()}/redrive", (header, value));

        context.Response.StatusCode.ShouldBe(StatusCodes.Status403Forbidden);
        context.Response.ContentType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Should_take_an_action_from_its_own_pages()
    {
        var context = await SendFromAsync("127.0.0.1", "POST", $"/api/processes/{Guid.NewGuid()}/redrive", ("Origin", "http://localhost"), ("Sec-Fetch-Site", "same-origin"));

        context.Response.StatusCode.ShouldBe(StatusCodes.Status404NotFound, "taken, and refused only because there is no such process");
    }

    private Task<HttpContext> SendFromAsync(string address, string method, string path, params (string Name, string Value)[] headers) =>
        Service.Factory.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            context.Request.Method = method;
            context.Request.Path = path;
            context.Request.Host = new HostString("localhost");
            context.Request.Headers.Accept = "application/json";
            foreach (var (name, value) in headers)
            {
                context.Request.Headers[name] = value;
            }
        });
}

/// <summary>Production without any Auth__* setting is a mistake the service does not run with.</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_the_service_starts_in_production_without_authentication(IntegrationFixture fixture)
{
    [Fact]
    public async Task Should_refuse_to_start_and_say_which_settings_it_needs()
    {
        // The service's own process, as a container starts it: the refusal ends it with exit code 1.
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ProcessBatching.Service.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in fixture.ServiceConfiguration().Where(setting => setting.Value is not null))
        {
            start.Environment[key.Replace(":", "__")] = value;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["MASSTRANSIT_USAGE_TELEMETRY"] = "false";
        using var service = Process.Start(start)!;
        var output = service.StandardOutput.ReadToEndAsync();
        var errors = service.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await service.WaitForExitAsync(bound.Token);
        }
        finally
        {
            if (!service.HasExited)
            {
                service.Kill();
            }
        }

        service.ExitCode.ShouldBe(1);
        var said = await output + await errors;
        said.ShouldContain("refuses to start in Production without authentication");
        said.ShouldContain("Auth__Disabled=true");
    }

    [Fact]
    public async Task Should_start_when_authentication_is_disabled_on_purpose()
    {
        var configuration = fixture.ServiceConfiguration().With(new Dictionary<string, string?> { ["Auth:Disabled"] = "true" });
        await using var service = new ServiceFactory(configuration).WithWebHostBuilder(builder => builder.UseEnvironment("Production"));

        using var client = service.CreateClient();

        (await client.GetAsync("/api/process-batches")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
