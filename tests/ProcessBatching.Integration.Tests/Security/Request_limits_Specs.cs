using System.Net;
using System.Net.Http.Json;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Security;

/// <summary>A body far over the limit is refused before the service reads it (Kestrel, as deployed).</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_caller_sends_a_huge_body(IntegrationFixture fixture)
{
    [Fact]
    public async Task Should_answer_413_problem_details_without_reading_it()
    {
        await fixture.ResetAsync();
        await using var service = await LiveService.StartAsync(fixture.ServiceConfiguration());
        using var client = new HttpClient { BaseAddress = service.BaseAddress };
        var body = new ByteArrayContent(new byte[40 * 1024 * 1024]);
        body.Headers.ContentType = new("application/json");
        // The client waits for the service's go-ahead before it sends the body; a refusal comes instead.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/processes/batch") { Content = body, Headers = { ExpectContinue = true } };

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.batch")).ShouldBe(0);
    }
}

/// <summary>Batch creation is limited per caller (here two a minute), not for everyone at once.</summary>
public sealed class When_a_caller_creates_batches_too_fast(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } =
        TestTokens.Settings.With(new Dictionary<string, string?> { ["Limits:BatchesPerMinute"] = "2" });

    [Fact]
    public async Task Should_answer_429_with_retry_after_to_that_caller_only()
    {
        var first = await CreateAsync("submitter-a");
        var second = await CreateAsync("submitter-a");
        var third = await CreateAsync("submitter-a");
        var another = await CreateAsync("submitter-b");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        third.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        third.Headers.RetryAfter?.Delta.ShouldNotBeNull();
        third.Headers.RetryAfter!.Delta!.Value.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        third.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        another.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.batch")).ShouldBe(3);
    }

    private Task<HttpResponseMessage> CreateAsync(string subject) =>
        Service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/processes/batch")
        {
            Content = JsonContent.Create(new { count = 1 }),
            Headers = { Authorization = TestTokens.Bearer(TestTokens.For(subject, null, ["submitter"])) },
        });
}

/// <summary>Names and accounts are bounded, so one request cannot fill the database with text.</summary>
public sealed class When_a_batch_has_overlong_text(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    [Fact]
    public async Task Should_reject_it_naming_the_fields()
    {
        var response = await Service.Client.PostAsJsonAsync("/api/processes/batch", new
        {
            name = new string('n', 201),
            requests = new[]
            {
                new { from_date = "2026-03-01", to_date = "2026-03-31", output_type = "pdf", account_list = new[] { new string('a', 65) } },
                new { from_date = "2026-03-01", to_date = "2026-03-31", output_type = "pdf", account_list = Enumerable.Range(0, 101).Select(i => $"ACC-{i}").ToArray() },
            },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("name", out _).ShouldBeTrue();
        errors.TryGetProperty("requests[0].account_list", out _).ShouldBeTrue();
        errors.TryGetProperty("requests[1].account_list", out _).ShouldBeTrue();
    }
}
