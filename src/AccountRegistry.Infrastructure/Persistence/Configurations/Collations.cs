namespace AccountRegistry.Infrastructure.Persistence.Configurations;

/// <summary>Collations of text columns users read sorted.</summary>
public static class Collations
{
    /// <summary>
    /// Chinese in pinyin order (白鹤, 滨江, 东塘, 发改, 合丰 …), the order of Excel and every Chinese back office, where the
    /// default sorts by code point (东塘, 发改, 司法, 合丰 …). ICU's collation ships with PostgreSQL's ICU builds (Debian's,
    /// the official images) whatever the cluster's locale; it is deterministic, so unique indexes and equality are unchanged.
    /// </summary>
    public const string Pinyin = "zh-x-icu";
}
