using System.Linq.Expressions;
using MassTransit;
using LogContext = Serilog.Context.LogContext;

namespace ProcessBatching.Service.Telemetry;

/// <summary>
/// Puts <c>process_id</c> and <c>batch_id</c> on every log line written while a message is consumed,
/// read from the message's <c>ProcessId</c> and <c>BatchId</c> properties where it has them (a fault's from
/// the message that faulted).
/// </summary>
public sealed class MessageLogScopeFilter<T> : IFilter<ConsumeContext<T>>
    where T : class
{
    private static readonly Func<T, Guid?>? ProcessId = Reader("ProcessId");
    private static readonly Func<T, Guid?>? BatchId = Reader("BatchId");

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        using var process = ProcessId?.Invoke(context.Message) is { } processId ? LogContext.PushProperty("process_id", processId) : null;
        using var batch = BatchId?.Invoke(context.Message) is { } batchId ? LogContext.PushProperty("batch_id", batchId) : null;
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("messageLogScope");

    /// <summary>
    /// Compiled once per message type: <c>message.{name}</c>, or for a fault <c>message.Message.{name}</c>;
    /// null when the message has no such Guid property.
    /// </summary>
    private static Func<T, Guid?>? Reader(string name)
    {
        var message = Expression.Parameter(typeof(T));
        var owner = typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(Fault<>)
            ? Expression.Property(message, nameof(Fault<object>.Message))
            : (Expression)message;
        var property = owner.Type.GetProperty(name);
        if (property is null || (property.PropertyType != typeof(Guid) && property.PropertyType != typeof(Guid?)))
        {
            return null;
        }

        return Expression.Lambda<Func<T, Guid?>>(Expression.Convert(Expression.Property(owner, property), typeof(Guid?)), message).Compile();
    }
}
