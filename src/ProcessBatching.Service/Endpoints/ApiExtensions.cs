using System.Text.Json.Serialization;
using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Service.Endpoints;

public static class ApiExtensions
{
    public static IServiceCollection AddProcessBatchingApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonBody.Options.PropertyNamingPolicy;
            // Statuses as the stories name them; the general converter would write their C# names.
            foreach (var converter in StoryNames.JsonConverters)
            {
                json.SerializerOptions.Converters.Add(converter);
            }

            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.AddProblemDetails();
        services.AddOpenApi();
        return services;
    }

    public static IEndpointRouteBuilder MapProcessBatchingApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapBatchEndpoints();
        app.MapProcessBatchEndpoints();
        app.MapProcessBatchActionEndpoints();
        app.MapProcessEndpoints();
        app.MapBatchInsightEndpoints();
        app.MapTroubleshootingEndpoints();
        return app;
    }
}
