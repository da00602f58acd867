using Npgsql;

namespace ProcessBatching.Integration.Tests.Schema;

/// <summary>Just enough ADO.NET for the schema specs; every command has a bounded timeout.</summary>
public static class SqlExtensions
{
    public static async Task<int> ExecuteAsync(this NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(this NpgsqlConnection connection, string sql, object id)
    {
        await using var command = Command(connection, sql, ("id", id));
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<IReadOnlyList<string>> LinesAsync(this NpgsqlConnection connection, string sql)
    {
        await using var command = Command(connection, sql);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 60 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
