namespace ProcessBatching.Service.Hosting;

/// <summary>A setting the service cannot start without; Program logs its message alone, with no stack trace.</summary>
public sealed class MissingSettingException(string message) : Exception(message);
