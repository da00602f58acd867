namespace ProcessBatching.Service.Hosting;

/// <summary>Bound from the <c>RabbitMq</c> section (<c>RabbitMq__Host</c> and so on).</summary>
public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";
}
