using Npgsql;

namespace ProcessBatching.Benchmarks.Support;

/// <summary>
/// Where PostgreSQL and RabbitMQ are: the environment names the service reads (as deploy/env.sh
/// sets them), else the local defaults of deploy/local-services.sh.
/// </summary>
public sealed record ServerSettings(
    string PostgresConnectionString,
    string RabbitHost,
    int RabbitPort,
    int RabbitManagementPort,
    string RabbitUsername,
    string RabbitPassword)
{
    private const string DefaultPostgres =
        "Host=127.0.0.1;Port=5432;Database=processbatching;Username=processbatching;Password=processbatching;SSL Mode=Disable";

    public static ServerSettings FromEnvironment() => new(
        Environment.GetEnvironmentVariable("ConnectionStrings__ProcessBatching") ?? DefaultPostgres,
        Environment.GetEnvironmentVariable("RabbitMq__Host") ?? "127.0.0.1",
        int.Parse(Environment.GetEnvironmentVariable("RabbitMq__Port") ?? "5672"),
        int.Parse(Environment.GetEnvironmentVariable("RabbitMq__ManagementPort") ?? "15672"),
        Environment.GetEnvironmentVariable("RabbitMq__Username") ?? "guest",
        Environment.GetEnvironmentVariable("RabbitMq__Password") ?? "guest");

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = database }.ConnectionString;
}
