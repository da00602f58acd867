using System.Reflection;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using ProcessBatching.Components;

namespace ProcessBatching.Benchmarks.Ceiling;

/// <summary>
/// Finds the product's <c>.PostgresRepository&lt;TSaga, TDbContext&gt;()</c> in ProcessBatching.Components
/// at run time. The repository reaches this branch with the lead's merge; looking it up by name lets
/// the tool build before that and measure the ceiling as soon as it is there (then a direct call can
/// replace this lookup).
/// </summary>
public static class PostgresSagaRepositoryLookup
{
    public static MethodInfo? Find() => typeof(StatementReportRegistration).Assembly.GetTypes()
        .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Static))
        .FirstOrDefault(method => method is { Name: "PostgresRepository", IsGenericMethodDefinition: true }
            && method.GetGenericArguments().Length == 2);

    public static void Use<TSaga, TDbContext>(MethodInfo repository, ISagaRegistrationConfigurator<TSaga> saga)
        where TSaga : class, ISaga
        where TDbContext : DbContext =>
        repository.MakeGenericMethod(typeof(TSaga), typeof(TDbContext)).Invoke(null, [saga]);
}
