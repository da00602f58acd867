using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Integration.Tests.Support;
using ProcessBatching.Service.Security;

namespace ProcessBatching.Integration.Tests.Security;

/// <summary>
/// Every endpoint the service maps, called by every role with a token signed with the service's key.
/// The table below is this spec's own: an endpoint the service maps without a row here fails it.
/// </summary>
public sealed class When_callers_with_each_role_call_every_endpoint(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    private const string Anyone = "anyone";
    private const string NoOne = "no one";

    private static readonly Dictionary<string, string> Expected = new()
    {
        ["GET /health/live"] = Anyone,
        ["GET /health/ready"] = Anyone,
        ["GET /health/startup"] = Anyone,
        ["GET /metrics"] = Anyone,
        ["GET /openapi/{documentName}.json"] = "viewer",
        ["GET /api/batches/{batchId}"] = "viewer",
        ["POST /api/batches"] = "submitter",
        ["POST /api/processes/batch"] = "submitter",
        ["GET /api/process-batches/"] = "viewer",
        ["GET /api/process-batches/{batchId}"] = "viewer",
        ["GET /api/process-batches/{batchId}/processes"] = "viewer",
        ["POST /api/process-batches/{batchId}/retry-blocked"] = "operator",
        ["POST /api/process-batches/{batchId}/cancel"] = "operator",
        ["POST /api/process-batches/{batchId}/pause"] = "operator",
        ["POST /api/process-batches/{batchId}/resume"] = "operator",
        ["POST /api/process-batches/{batchId}/rerun-failed"] = "operator",
        ["GET /api/process-batches/{batchId}/breakdown"] = "viewer",
        ["GET /api/process-batches/{batchId}/throughput"] = "viewer",
        ["GET /api/processes"] = "viewer",
        ["GET /api/processes/{processId}/"] = "viewer",
        ["POST /api/processes/{processId}/retry"] = "operator",
        ["POST /api/processes/{processId}/complete"] = "operator",
        ["POST /api/processes/{processId}/cancel"] = "operator",
        ["POST /api/processes/{processId}/redrive"] = "operator",
        ["GET page:/Index"] = "viewer",
        ["POST page:/Index"] = NoOne,
        ["GET page:/ProcessBatches/Index"] = "viewer",
        ["POST page:/ProcessBatches/Index"] = NoOne,
        ["GET page:/ProcessBatches/Details"] = "viewer",
        ["POST page:/ProcessBatches/Details"] = "operator",
        ["GET page:/ProcessBatches/New"] = "viewer",
        ["POST page:/ProcessBatches/New"] = "submitter",
        ["GET page:/Processes/Details"] = "viewer",
        ["POST page:/Processes/Details"] = "operator",
        ["GET page:/Troubleshooting/Index"] = "viewer",
        ["POST page:/Troubleshooting/Index"] = "operator",
        ["GET page:/SignIn/Index"] = Anyone,
        ["POST page:/SignIn/Index"] = Anyone,
    };

    private static readonly string[] Callers = ["nobody", "viewer", "submitter", "operator"];

    protected override IReadOnlyDictionary<string, string?> Settings => TestTokens.Settings;

    [Fact]
    public void Should_have_a_rule_for_every_endpoint_the_service_maps()
    {
        var mapped = MappedEndpoints().Select(e => e.Key).Order().ToList();

        mapped.Except(Expected.Keys).ShouldBeEmpty("endpoints without a rule in this spec (and so refused to everyone by the service until EndpointRules has one)");
        Expected.Keys.Except(mapped).ShouldBeEmpty("rules for endpoints the service no longer maps");
        mapped.Where(key => EndpointRules.Rules.GetValueOrDefault(key) != Expected[key]).ShouldBeEmpty("rules that differ from the service's");
    }

    [Fact]
    public async Task Should_answer_401_without_a_token_403_with_the_wrong_role_and_let_the_right_roles_through()
    {
        using var client = Service.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var wrong = new List<string>();
        foreach (var (key, path) in MappedEndpoints())
        {
            var (method, rule) = (key.Split(' ')[0], Expected.GetValueOrDefault(key, NoOne));
            foreach (var caller in Callers)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (caller != "nobody")
                {
                    request.Headers.Authorization = TestTokens.Bearer(TestTokens.For($"{caller}-1", null, [caller]));
                }

                using var response = await client.SendAsync(request);
                var allowed = rule == Anyone || rule != NoOne && caller != "nobody" && (caller == rule || rule == "viewer");
                var expected = allowed ? "through"
                    : caller != "nobody" ? "403"
                    : key.Contains("page:") ? "302 to /sign-in" : "401";
                var actual = response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized => "401",
                    HttpStatusCode.Forbidden => "403",
                    HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains("/sign-in") == true => "302 to /sign-in",
                    _ => "through",
                };
                if (actual != expected)
                {
                    wrong.Add($"{key} ({path}) as {caller}: {(int)response.StatusCode}, expected {expected}");
                }
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task Should_answer_401_and_403_as_problem_details()
    {
        var unauthorized = await Service.Client.PostAsync("/api/processes/batch", JsonContent.Create(new { count = 1 }));
        var forbidden = await Service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/processes/batch")
        {
            Content = JsonContent.Create(new { count = 1 }),
            Headers = { Authorization = TestTokens.Bearer(TestTokens.For("viewer-1", null, ["viewer"])) },
        });

        unauthorized.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unauthorized.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        forbidden.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Should_still_answer_a_wrong_method_or_media_type_as_routing_does()
    {
        var viewer = TestTokens.Bearer(TestTokens.For("viewer-4", null, ["viewer"]));

        var wrongMethod = await Service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/batches/{Guid.NewGuid()}") { Headers = { Authorization = viewer } });
        var wrongMediaType = await Service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/processes/batch")
        {
            Content = new StringContent("count=1", System.Text.Encoding.UTF8, "text/plain"),
            Headers = { Authorization = TestTokens.Bearer(TestTokens.For("submitter-4", null, ["submitter"])) },
        });

        wrongMethod.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        wrongMediaType.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Should_take_roles_from_the_role_claim_too_and_refuse_a_token_signed_with_another_key()
    {
        var singular = new HttpRequestMessage(HttpMethod.Get, "/api/process-batches/")
        {
            Headers = { Authorization = TestTokens.Bearer(TestTokens.For("viewer-2", null, ["viewer"], roleClaim: "role")) },
        };
        var forged = new HttpRequestMessage(HttpMethod.Get, "/api/process-batches/")
        {
            Headers = { Authorization = TestTokens.Bearer(TestTokens.For("viewer-3", null, ["operator"], key: new byte[32])) },
        };

        (await Service.Client.SendAsync(singular)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Service.Client.SendAsync(forged)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Should_accept_a_token_minted_by_deploy_mint_token_sh()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "ProcessBatching.sln")))
        {
            root = root.Parent!;
        }

        var mint = new System.Diagnostics.ProcessStartInfo("bash", [Path.Combine(root.FullName, "deploy", "mint-token.sh"), "dana", "viewer,operator", "Dana Ops", "1"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in TestTokens.Settings)
        {
            mint.Environment[key.Replace(":", "__")] = value;
        }

        using var script = System.Diagnostics.Process.Start(mint)!;
        var token = (await script.StandardOutput.ReadToEndAsync()).Trim();
        await script.WaitForExitAsync();

        script.ExitCode.ShouldBe(0);
        var retry = new HttpRequestMessage(HttpMethod.Post, $"/api/processes/{Guid.NewGuid()}/retry") { Headers = { Authorization = TestTokens.Bearer(token) } };
        (await Service.Client.SendAsync(retry)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "an operator, refused only because there is no such process");
    }

    /// <summary>Each rule key the service's endpoints answer to, with a path that reaches it.</summary>
    private List<(string Key, string Path)> MappedEndpoints() =>
        Service.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint =>
            {
                var route = EndpointRules.RouteOf(endpoint)!;
                var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods
                    ?? (route.StartsWith("page:", StringComparison.Ordinal) ? ["GET", "POST"] : ["GET"]);
                return methods.Select(method => (Key: $"{method} {route}", Path: PathTo(endpoint)));
            })
            .DistinctBy(e => e.Key)
            .ToList();

    private static string PathTo(RouteEndpoint endpoint)
    {
        var path = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
        foreach (var parameter in endpoint.RoutePattern.Parameters)
        {
            path = path.Replace($"{{{parameter.Name}}}", parameter.Name == "documentName" ? "v1" : Guid.NewGuid().ToString());
        }

        return path;
    }
}
