using DotNet.Testcontainers.Builders;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace ProcessBatching.Integration.Tests.Support;

/// <summary>
/// PostgreSQL and RabbitMQ in containers, for a developer who has a Docker engine and gave no
/// settings. Without an engine Testcontainers fails within about a second and the local
/// services are used instead.
/// </summary>
public sealed class ContainerServices : IAsyncDisposable
{
    private readonly PostgreSqlContainer _postgres;
    private readonly RabbitMqContainer _rabbit;

    private ContainerServices(PostgreSqlContainer postgres, RabbitMqContainer rabbit)
    {
        _postgres = postgres;
        _rabbit = rabbit;
    }

    public ServiceSettings Settings => new(
        _postgres.GetConnectionString(),
        _rabbit.Hostname,
        _rabbit.GetMappedPublicPort(5672),
        _rabbit.GetMappedPublicPort(15672),
        "guest",
        "guest");

    public static async Task<ContainerServices?> TryStartAsync()
    {
        try
        {
            var postgres = new PostgreSqlBuilder("postgres:15")
                .WithUsername("processbatching").WithPassword("processbatching").WithDatabase("processbatching")
                .Build();
            var rabbit = new RabbitMqBuilder("rabbitmq:3-management")
                .WithUsername("guest").WithPassword("guest")
                .WithPortBinding(15672, true)
                .Build();
            await Task.WhenAll(postgres.StartAsync(), rabbit.StartAsync());
            return new ContainerServices(postgres, rabbit);
        }
        catch (Exception exception) when (exception is DockerUnavailableException or TypeInitializationException or ArgumentException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _postgres.DisposeAsync();
        await _rabbit.DisposeAsync();
    }
}
