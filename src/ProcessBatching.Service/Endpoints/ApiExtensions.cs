using System.Text.Json.Serialization;

namespace ProcessBatching.Service.Endpoints;

public static class ApiExtensions
{
    public static IServiceCollection AddProcessBatchingApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonBody.Options.PropertyNamingPolicy;
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
        app.MapProcessEndpoints();
        return app;
    }
}
