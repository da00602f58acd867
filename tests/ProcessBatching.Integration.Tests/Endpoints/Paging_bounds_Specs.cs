using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Endpoints;

public sealed class When_a_page_lies_far_past_any_list(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    // Only the API and pages: the batch need not run.
    protected override string? Roles => "api";

    [Theory]
    [InlineData("/api/process-batches?page=4300000&page_size=500")]
    [InlineData("/api/process-batches?page=2147483647")]
    [InlineData("/api/process-batches/{batch}/processes?page=4300000&page_size=500")]
    [InlineData("/api/process-batches/{batch}/processes?status=PENDING&page=2147483647&page_size=1")]
    public async Task Should_answer_400_naming_the_page(string path)
    {
        var batchId = await Service.CreateBatchAsync(new { count = 1 });

        var response = await Service.Client.GetAsync(path.Replace("{batch}", batchId.ToString()));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["page"]);
    }

    [Theory]
    [InlineData("/api/process-batches?page=20001&page_size=500")]
    [InlineData("/api/process-batches/{batch}/processes?page=20001&page_size=500")]
    public async Task Should_answer_the_last_page_in_range_with_an_empty_list(string path)
    {
        var batchId = await Service.CreateBatchAsync(new { count = 1 });

        var page = await Service.Client.GetFromJsonAsync<JsonElement>(path.Replace("{batch}", batchId.ToString()));

        page.GetProperty("items").GetArrayLength().ShouldBe(0);
        page.GetProperty("total_count").GetInt64().ShouldBe(1);
    }

    [Theory]
    [InlineData("/process-batches?page=2147483647")]
    [InlineData("/process-batches/{batch}?page=2147483647")]
    [InlineData("/process-batches/{batch}?handler=Processes&page=2147483647")]
    public async Task Should_show_a_bad_request_page(string path)
    {
        var batchId = await Service.CreateBatchAsync(new { count = 1 });

        var response = await Service.Client.GetAsync(path.Replace("{batch}", batchId.ToString()));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        if (!path.Contains("handler="))
        {
            var html = await response.Content.ReadAsStringAsync();
            html.ShouldContain("No such page");
            html.ShouldContain("Page 2147483647 is beyond the last page");
        }
    }
}
