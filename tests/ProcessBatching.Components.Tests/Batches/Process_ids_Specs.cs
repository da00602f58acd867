using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProcessBatching.Components.Batches;

namespace ProcessBatching.Components.Tests.Batches;

/// <summary>
/// docs/performance.md, round thirteen: a batch's process ids sort in the order of their index, and each
/// batch's after the batches created before it, so its rows enter the indexes on process_id at their end.
/// PostgreSQL sorts a uuid by its bytes as written, which is the order of its text.
/// </summary>
public class When_a_batch_names_its_processes_in_order
{
    private static readonly Guid Batch = Guid.Parse("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");

    // Each place where the index crosses from one byte of the id, or one side of the version and
    // variant bits, into the next, and the last index a batch can have.
    private static readonly int[] Boundaries = [0, 1, 15, 16, 4095, 4096, (1 << 18) - 1, 1 << 18, (1 << 26) - 1, 1 << 26, ProcessIds.MaxInOrder - 1];

    [Fact]
    public void Should_sort_the_ids_as_their_indexes_sort()
    {
        var indexes = Enumerable.Range(0, 5_000).Concat(Boundaries).Distinct().Order().ToList();

        var ids = indexes.Select(index => ProcessIds.InBatchOrder(Batch, index).ToString()).ToList();

        ids.ShouldBe(ids.Order(StringComparer.Ordinal).ToList());
        ids.Distinct().Count().ShouldBe(indexes.Count);
    }

    [Fact]
    public void Should_name_the_same_process_each_time()
    {
        foreach (var index in Boundaries)
        {
            ProcessIds.InBatchOrder(Batch, index).ShouldBe(ProcessIds.InBatchOrder(Guid.Parse(Batch.ToString()), index));
        }
    }

    [Fact]
    public void Should_be_a_version_8_uuid_of_the_rfc_variant()
    {
        foreach (var index in Boundaries)
        {
            var id = ProcessIds.InBatchOrder(Batch, index);
            id.Version.ShouldBe(8);
            id.Variant.ShouldBeInRange(8, 11, "the variant bits are 10");
        }
    }

    [Fact]
    public void Should_sort_a_later_batch_after_an_earlier_one()
    {
        var earlier = Guid.CreateVersion7(DateTimeOffset.Parse("2026-12-04T10:00:00Z"));
        var later = Guid.CreateVersion7(DateTimeOffset.Parse("2026-12-04T10:00:00.001Z"));

        string.CompareOrdinal(
            ProcessIds.InBatchOrder(earlier, ProcessIds.MaxInOrder - 1).ToString(),
            ProcessIds.InBatchOrder(later, 0).ToString()).ShouldBeLessThan(0);
    }

    [Fact]
    public void Should_name_different_processes_in_batches_of_the_same_millisecond()
    {
        var at = DateTimeOffset.Parse("2026-12-04T10:00:00Z");
        var (one, other) = (Guid.CreateVersion7(at), Guid.CreateVersion7(at));

        foreach (var index in Boundaries)
        {
            ProcessIds.InBatchOrder(one, index).ShouldNotBe(ProcessIds.InBatchOrder(other, index));
        }
    }

    [Fact]
    public void Should_not_share_the_batch_part_between_batch_ids_a_caller_numbered()
    {
        // Not version 7: the first 48 bits of these two are the same zeros, their hashes' are not.
        var one = ProcessIds.InBatchOrder(Guid.Parse("00000000-0000-0000-0000-000000000001"), 0).ToString();
        var other = ProcessIds.InBatchOrder(Guid.Parse("00000000-0000-0000-0000-000000000002"), 0).ToString();

        one[..13].ShouldNotBe(other[..13]);
        one[..13].ShouldNotBe("00000000-0000");
    }

    [Fact]
    public void Should_refuse_an_index_beyond_what_the_id_holds()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ProcessIds.InBatchOrder(Batch, ProcessIds.MaxInOrder));
        Should.Throw<ArgumentOutOfRangeException>(() => ProcessIds.InBatchOrder(Batch, -1));
    }
}

/// <summary>
/// The processes of batches created before <see cref="ProcessIds.InBatchOrder"/> keep their name-based
/// ids, and so do commands and reruns: the dispatcher must name them as their creator did.
/// </summary>
public class When_a_batch_names_its_processes_by_name
{
    // Version 5 UUIDs of the four bytes of the index (big-endian) in the batch id's namespace, computed
    // apart from this code base (Python's hashlib: SHA-1 of the namespace's bytes and the name).
    [Theory]
    [InlineData(0, "f7104536-1273-5572-a84d-0f30c41f61bb")]
    [InlineData(123456, "9dac54e5-4a17-5a9c-9c6b-fe49925692b1")]
    [InlineData(-1, "02975ada-7994-53fd-8f8f-d3c27994443c")]
    public void Should_name_them_as_before(int index, string id) =>
        ProcessIds.For(Guid.Parse("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b"), index).ShouldBe(Guid.Parse(id));
}

/// <summary>A batch larger than its process ids can name in order is refused at start, not in the middle of a COPY.</summary>
public class When_the_largest_batch_is_configured
{
    [Theory]
    [InlineData(1_000_000, true)]
    [InlineData(ProcessIds.MaxInOrder, true)]
    [InlineData(ProcessIds.MaxInOrder + 1, false)]
    [InlineData(0, false)]
    public void Should_take_only_what_the_ids_hold(int maxCount, bool taken)
    {
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ProcessBatches:MaxCount"] = maxCount.ToString() }).Build())
            .AddProcessBatches()
            .BuildServiceProvider();

        var read = () => services.GetRequiredService<IOptions<ProcessBatchOptions>>().Value.MaxCount;

        if (taken)
        {
            read().ShouldBe(maxCount);
        }
        else
        {
            Should.Throw<OptionsValidationException>(() => read()).Message.ShouldContain("ProcessBatches__MaxCount");
        }
    }
}
