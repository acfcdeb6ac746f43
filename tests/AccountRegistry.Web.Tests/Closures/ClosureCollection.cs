using AccountRegistry.Web.Tests.Support;

namespace AccountRegistry.Web.Tests.Closures;

/// <summary>
/// The closure tests add accounts and close them: they get their own app over their own demo county, so the shared
/// demo app keeps the figures its dashboard and register tests count on. Not run alongside the other collection,
/// so two apps and two browsers never compete for the machine's two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClosureCollection : ICollectionFixture<RegistryWebApp>, ICollectionFixture<Support.Browser>
{
    public const string Name = "closures app";
}
