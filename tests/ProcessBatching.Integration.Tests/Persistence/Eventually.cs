namespace ProcessBatching.Integration.Tests.Persistence;

/// <summary>Polls a condition until it holds or the time is up; every wait in the specs is bounded.</summary>
public static class Eventually
{
    public static async Task<bool> Holds(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return await condition();
    }
}
