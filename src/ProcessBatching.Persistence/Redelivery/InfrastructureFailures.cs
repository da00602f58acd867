using System.Net.Sockets;
using Npgsql;

namespace ProcessBatching.Persistence.Redelivery;

/// <summary>
/// Failures of the database or the network rather than of the message: the same message is
/// expected to succeed once the infrastructure is back, so it is redelivered later, not
/// parked in an <c>_error</c> queue.
/// </summary>
public static class InfrastructureFailures
{
    public static bool Is(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres when IsTransientState(postgres.SqlState):
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: IOException or SocketException or TimeoutException }:
                case TimeoutException or SocketException:
                    return true;
            }
        }

        return false;
    }

    // 08: connection exceptions; 53: insufficient resources (too many connections); 57P01–57P03:
    // the server shut down or is starting; 40001/40P01: serialization failure, deadlock.
    private static bool IsTransientState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal)
        || state.StartsWith("53", StringComparison.Ordinal)
        || state is "57P01" or "57P02" or "57P03" or "40001" or "40P01";
}
