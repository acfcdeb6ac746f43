using System.Security.Cryptography;
using System.Text;
using AccountRegistry.Domain.Collectors;

namespace AccountRegistry.Application.Collectors;

/// <summary>
/// Collector API keys: "ark_" and 32 random bytes in base64url. Stored as SHA-256 only; a key of 256 random bits
/// needs no slow password hash, and a plain hash lets every request find its key with one index lookup.
/// </summary>
public static class ApiKeys
{
    public const string KeyPrefix = "ark_";

    /// <summary>Longer input is not a key of ours; refusing it early keeps hashing cheap for junk headers.</summary>
    public const int MaxKeyLength = 100;

    public static string NewKey() => KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    public static string PrefixOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length <= CollectorApiKey.PrefixLength ? key : key[..CollectorApiKey.PrefixLength];
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
