namespace AccountRegistry.Web;

/// <summary>Anchor type for the UI strings in Resources/SharedResource(.en).resx (Simplified Chinese is the default).</summary>
public sealed class SharedResource;
