using System.ComponentModel.DataAnnotations;

namespace ProcessBatching.Service.Hosting;

/// <summary>
/// Bound from the <c>RabbitMq</c> section (<c>RabbitMq__Host</c> and so on) and checked when the
/// host starts: without a host or credentials the service stops with a message naming the setting.
/// Local defaults live only in <c>appsettings.Development.json</c> and <c>deploy/env.sh</c>.
/// </summary>
public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    [Required(AllowEmptyStrings = false, ErrorMessage = "RabbitMq__Host is not set")]
    public string Host { get; set; } = "";

    public ushort Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    [Required(AllowEmptyStrings = false, ErrorMessage = "RabbitMq__Username is not set")]
    public string Username { get; set; } = "";

    [Required(AllowEmptyStrings = false, ErrorMessage = "RabbitMq__Password is not set")]
    public string Password { get; set; } = "";

    /// <summary>
    /// <c>RabbitMq__QuorumQueues=true</c>: every queue this service declares is a quorum queue, for a
    /// clustered broker. Queues declared before as classic ones must be deleted first (RabbitMQ
    /// refuses a declaration whose arguments differ).
    /// </summary>
    public bool QuorumQueues { get; set; }
}
