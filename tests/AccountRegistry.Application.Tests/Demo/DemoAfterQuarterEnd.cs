using AccountRegistry.TestSupport;

namespace AccountRegistry.Application.Tests.Demo;

/// <summary>
/// The demo as `registry seed-demo` leaves it five days after a quarter end (2027-01-05), loaded once for the tests
/// that only read it: that quarter is too recent for its rectification to have run, so the published round is the
/// quarter before it, and this month's sample is checked and waiting.
/// </summary>
public sealed class DemoAfterQuarterEnd : DatabaseFixture
{
    public static readonly DateOnly Today = new(2027, 1, 5);

    public LoadedDemo Demo { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Demo = await LoadedDemo.LoadAsync(this, Today);
    }

    public override async ValueTask DisposeAsync()
    {
        await Demo.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>The classes reading <see cref="DemoAfterQuarterEnd"/> share one load of the demo (a minute of seeding on two cores).</summary>
[CollectionDefinition(Name)]
public sealed class DemoAfterQuarterEndCollection : ICollectionFixture<DemoAfterQuarterEnd>
{
    public const string Name = "demo after a quarter end";
}
