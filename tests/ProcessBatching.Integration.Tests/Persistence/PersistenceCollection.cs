using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Persistence;

/// <summary>The persistence specs get a database and a vhost of their own (and run beside the other collections).</summary>
[CollectionDefinition(Name)]
public sealed class PersistenceCollection : ICollectionFixture<IntegrationFixture>
{
    public const string Name = "Persistence";
}
