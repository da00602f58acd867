namespace ProcessBatching.Components.Processes;

/// <summary>Who asked for an operator action: the caller's subject and, when the token has one, their name.</summary>
public sealed record OperatorIdentity(string Subject, string? Name)
{
    /// <summary>An action asked for outside any request (a test or a tool calling the operator directly).</summary>
    public static readonly OperatorIdentity Unknown = new("unknown", null);

    public override string ToString() => Name is null || Name == Subject ? Subject : $"{Subject} ({Name})";
}

/// <summary>The operator of the current request; the host provides it from the caller's identity.</summary>
public interface ICurrentOperator
{
    OperatorIdentity Identity { get; }
}
