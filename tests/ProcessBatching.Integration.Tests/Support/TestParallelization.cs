// Collections run one after another: each starts the real service, and Program's Serilog
// bootstrap logger is process-wide (Log.Logger), so two hosts starting at once race to freeze it
// ("The logger is already frozen"). Two shared cores gain little from parallel hosts anyway.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
