namespace AccountRegistry.Web.Tests.Support;

/// <summary>Tests that share one running app over the demo county and one browser (seeding takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<RegistryWebApp>, ICollectionFixture<Browser>
{
    public const string Name = "demo app";
}
