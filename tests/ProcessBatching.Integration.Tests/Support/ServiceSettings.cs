namespace ProcessBatching.Integration.Tests.Support;

/// <summary>Where the PostgreSQL server and the RabbitMQ broker of a test run are.</summary>
public sealed record ServiceSettings(
    string PostgresConnectionString,
    string RabbitHost,
    int RabbitPort,
    int RabbitManagementPort,
    string RabbitUsername,
    string RabbitPassword)
{
    public const string DefaultPostgres =
        "Host=127.0.0.1;Port=5432;Database=processbatching;Username=processbatching;Password=processbatching;SSL Mode=Disable";

    /// <summary>The settings given in the environment (the names the service reads), or null.</summary>
    public static ServiceSettings? FromEnvironment()
    {
        var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__ProcessBatching");
        var rabbitHost = Environment.GetEnvironmentVariable("RabbitMq__Host");
        if (postgres is null && rabbitHost is null)
        {
            return null;
        }

        return new ServiceSettings(
            postgres ?? DefaultPostgres,
            rabbitHost ?? "127.0.0.1",
            int.Parse(Environment.GetEnvironmentVariable("RabbitMq__Port") ?? "5672"),
            int.Parse(Environment.GetEnvironmentVariable("RabbitMq__ManagementPort") ?? "15672"),
            Environment.GetEnvironmentVariable("RabbitMq__Username") ?? "guest",
            Environment.GetEnvironmentVariable("RabbitMq__Password") ?? "guest");
    }

    /// <summary>The local development defaults that deploy/local-services.sh sets up.</summary>
    public static ServiceSettings LocalDefaults() =>
        new(DefaultPostgres, "127.0.0.1", 5672, 15672, "guest", "guest");
}
