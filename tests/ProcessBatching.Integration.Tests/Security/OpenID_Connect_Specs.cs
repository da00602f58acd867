using System.Net;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Security;

/// <summary>
/// With an OpenID Connect issuer (here one that does not answer) the API takes only that issuer's
/// tokens: none, or one signed with some other key, gets 401.
/// </summary>
public sealed class When_the_service_trusts_an_OpenID_Connect_issuer(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Auth:Authority"] = "https://127.0.0.1:9/issuer",
        ["Auth:Audience"] = TestTokens.Audience,
    };

    [Fact]
    public async Task Should_refuse_calls_without_the_issuers_token_and_still_answer_health_probes()
    {
        var anonymous = await Service.Client.GetAsync("/api/process-batches");
        var forged = await Service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/process-batches")
        {
            Headers = { Authorization = TestTokens.Bearer(TestTokens.For("mallory", null, ["operator"])) },
        });

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Service.Client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
