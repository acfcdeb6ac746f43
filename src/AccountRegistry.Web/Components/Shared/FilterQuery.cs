namespace AccountRegistry.Web.Components.Shared;

/// <summary>
/// A table filter as an export link's query string: <c>name=value</c> for each part that is set, in the order given,
/// values already in the spec's codes (and escaped where free text); parts left unset are left out.
/// </summary>
public static class FilterQuery
{
    public static string Of(params (string Name, string? Value)[] parts) =>
        string.Join('&', parts.Where(p => p.Value is not null).Select(p => p.Name + "=" + p.Value));
}
