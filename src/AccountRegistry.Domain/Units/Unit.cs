namespace AccountRegistry.Domain.Units;

/// <summary>A government unit: the county itself, a department, a township, street, community or village.</summary>
public class Unit
{
    public const char PathSeparator = '/';

    public int Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public UnitLevel Level { get; set; }

    public int? ParentId { get; set; }

    public Unit? Parent { get; set; }

    /// <summary>
    /// Materialised path of ids from the root, e.g. "/1/7/42/". Kept so that "this unit's subtree" is an
    /// index range scan (<c>path LIKE '/1/7/%'</c>) instead of a recursive query on every page.
    /// </summary>
    public string Path { get; set; } = string.Empty;

    public static string ChildPath(string? parentPath, int id) =>
        $"{(string.IsNullOrEmpty(parentPath) ? PathSeparator.ToString() : parentPath)}{id}{PathSeparator}";
}
