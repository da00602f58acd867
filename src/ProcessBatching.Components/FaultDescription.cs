using MassTransit;

namespace ProcessBatching.Components;

/// <summary>How a faulted command is described on its process or command row.</summary>
public static class FaultDescription
{
    /// <summary>The short name of the exception that faulted it, e.g. <c>PermanentStepException</c>.</summary>
    public static string Code(Fault fault) =>
        fault.Exceptions.FirstOrDefault()?.ExceptionType.Split('.', '+').Last() ?? "Fault";

    public static string Message(Fault fault) =>
        fault.Exceptions.FirstOrDefault()?.Message ?? "The command faulted";
}
