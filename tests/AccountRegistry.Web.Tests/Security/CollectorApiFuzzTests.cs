using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AccountRegistry.Application.Imports;
using AccountRegistry.TestSupport;
using AccountRegistry.Web.Endpoints;
using AccountRegistry.Web.Tests.Imports;

namespace AccountRegistry.Web.Tests.Security;

/// <summary>
/// Thousands of generated malformed batches over real HTTP to the collector API (broken JSON, invalid UTF-8, NUL
/// characters, huge strings, impossible timestamps, overflowing and negative numbers, wrong types, deep nesting,
/// unknown references, duplicates, oversize batches): each answered 400 with a problem document, never a 500, and the
/// database exactly as before.
/// </summary>
public sealed class CollectorApiFuzzTests(CollectorApiHost host) : IClassFixture<CollectorApiHost>
{
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_CASES"), out var n) ? n : 1500;

    private static readonly string[] BadTimestamps =
        ["\"2019-05-08T09:30:00\"", "\"2019-02-30T09:00:00+08:00\"", "\"0000-01-01T00:00:00Z\"", "\"99999-01-01T00:00:00Z\"", "\"昨天\"", "12345", "null", "true", "\"\""];

    // Not null (likes and shares are optional) nor "100" (fields carry the CSV columns' text, so a quoted number is a number).
    private static readonly string[] BadCounts = ["99999999999999999999", "-1", "1.5", "1e400", "\"-3\"", "[]", "{}", "9223372036854775808", "true"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MalformedBatches_AreEachRefusedWithAProblem_AndTheDatabaseIsUnchanged()
    {
        var key = (await host.CreateKeyAsync("fuzz " + Guid.NewGuid().ToString("N")[..6])).Key;
        var before = await TableChecksums.TakeAsync(host.ConnectionString, Ct);
        var random = new Random(20261130);
        var failures = new List<string>();

        for (var i = 0; i < Cases; i++)
        {
            var (path, body, what) = Next(random);
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.Add(CollectorApi.ApiKeyHeader, key);
            using var response = await host.Client.SendAsync(request, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"#{i} {what}: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
                continue;
            }

            using var problem = JsonDocument.Parse(text);
            if (!problem.RootElement.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()) || text.Contains("   at ", StringComparison.Ordinal))
            {
                failures.Add($"#{i} {what}: a problem without a title, or with a stack trace");
            }
        }

        var after = await TableChecksums.TakeAsync(host.ConnectionString, Ct);
        Assert.True(failures.Count == 0, $"{failures.Count} of {Cases} malformed batches:\n" + string.Join("\n", failures.Take(40)));
        Assert.Equal(before, after);
    }

    /// <summary>
    /// The batch paths and their items. Each generated batch holds up to 50 items, each with one defect of its own;
    /// every item must come back in the 400's errors under its index. To cover another batch (the interactions batch),
    /// add its path, a valid item and the fields its defects may target.
    /// </summary>
    private static readonly BatchPath[] Paths =
    [
        new("api/v1/posts", i => Post(i), ["platform", "account_id", "post_id"], ["published_at"], [], ["title", "content", "url"]),
        new("api/v1/reads", i => Read(i), ["platform", "account_id", "post_id"], ["captured_at"], ["reads", "likes", "shares"], []),

        // replied_at is optional (null or empty: not answered yet), so only received_at takes the bad-timestamp defects.
        new("api/v1/interactions", i => Interaction(i), ["platform", "account_id", "message_id"], ["received_at"], [], []),
    ];

    /// <summary>Items generated per path: FUZZ_CASES raises or lowers it.</summary>
    private static readonly int ItemsPerPath = Fuzz.Cases(10_000);

    public static TheoryData<string> PathNames => [.. Paths.Select(p => p.Path)];

    [Theory]
    [MemberData(nameof(PathNames))]
    public async Task DefectiveItems_AreEachReportedUnderTheirIndex_AndTheDatabaseIsUnchanged(string pathName)
    {
        var path = Paths.Single(p => p.Path == pathName);
        var key = (await host.CreateKeyAsync("fuzz items " + Guid.NewGuid().ToString("N")[..6])).Key;
        var before = await TableChecksums.TakeAsync(host.ConnectionString, Ct);
        const int PerBatch = 50;

        var failures = await Fuzz.RunAsync(
            (ItemsPerPath + PerBatch - 1) / PerBatch,
            20261206,
            (random, _) => DefectiveBatch(path, random, PerBatch),
            async batch =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path.Path) { Content = new StringContent(batch.Json, Encoding.UTF8, "application/json") };
                request.Headers.Add(CollectorApi.ApiKeyHeader, key);
                using var response = await host.Client.SendAsync(request, Ct);
                var text = await response.Content.ReadAsStringAsync(Ct);
                if (response.StatusCode != HttpStatusCode.BadRequest)
                {
                    return $"{(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}";
                }

                using var problem = JsonDocument.Parse(text);
                var rows = problem.RootElement.GetProperty("errors").EnumerateArray()
                    .Where(e => e.GetProperty("row").ValueKind == JsonValueKind.Number).Select(e => e.GetProperty("row").GetInt32()).ToHashSet();
                var missed = batch.Defects.Select((d, i) => (d, i)).Where(x => !rows.Contains(x.i)).Select(x => $"item {x.i} ({x.d})").ToList();
                return missed.Count == 0 ? null : "not reported: " + string.Join(", ", missed.Take(5));
            },
            batch => $"{batch.Defects.Count} items",
            parallelism: 3,
            Ct);

        var after = await TableChecksums.TakeAsync(host.ConnectionString, Ct);
        Assert.True(failures.Count == 0, $"{failures.Count} batches of {pathName}:\n" + string.Join("\n", failures.Take(30)));
        Assert.Equal(before, after);
    }

    private static (string Json, List<string> Defects) DefectiveBatch(BatchPath path, Random random, int size)
    {
        var items = new List<string>();
        var defects = new List<string>();
        for (var i = 0; i < size; i++)
        {
            var fields = path.Valid(random.Next(1_000_000)).Select(p => (p.Key, p.Value)).ToList();
            var (what, apply) = ItemDefect(path, random);
            defects.Add(what);
            apply(fields);
            items.Add("{" + string.Join(',', fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}");
        }

        return ("[" + string.Join(',', items) + "]", defects);
    }

    private static (string What, Action<List<(string Key, string Value)>> Apply) ItemDefect(BatchPath path, Random random)
    {
        static void Set(List<(string Key, string Value)> fields, string key, string value)
        {
            var index = fields.FindIndex(f => f.Key == key);
            if (index >= 0)
            {
                fields[index] = (key, value);
            }
            else
            {
                fields.Add((key, value));
            }
        }

        var id = path.Ids[random.Next(path.Ids.Length)];
        var time = path.Times[random.Next(path.Times.Length)];
        var text = path.Texts.Length > 0 ? path.Texts[random.Next(path.Texts.Length)] : id;
        switch (random.Next(12))
        {
            case 0: return ("NUL in " + id, f => Set(f, id, "\"a\\u0000b\""));
            case 1: return ("bidi override in " + id, f => Set(f, id, "\"gh\\u202Eexe\""));
            case 2: return ("lone surrogate in " + text, f => Set(f, text, "\"a\\ud800b\""));
            case 3: return ("array in " + text, f => Set(f, text, "[\"x\"]"));
            case 4: return ("object in " + time, f => Set(f, time, "{\"y\":1}"));
            case 5: return ("duplicate " + id, f => f.Add((id, "\"again\"")));
            case 6: return ("unknown field", f => f.Add(("extra_" + random.Next(99), "1")));
            case 7:
                var implausible = new[] { "\"9999-12-31T00:00:00+08:00\"", "\"1900-01-01T00:00:00+08:00\"", "\"2099-01-01T00:00:00Z\"", "\"1970-01-01T00:00:00Z\"" }[random.Next(4)];
                return ("implausible " + time, f => Set(f, time, implausible));
            case 8: return ("bad " + time, f => Set(f, time, BadTimestamps[random.Next(BadTimestamps.Length)]));
            case 9 when path.Counts.Length > 0:
                var count = path.Counts[random.Next(path.Counts.Length)];
                return ("bad " + count, f => Set(f, count, BadCounts[random.Next(BadCounts.Length)]));
            case 9:
                return ("huge " + text, f => Set(f, text, "\"" + new string('长', ImportLimits.ContentLength + 1) + "\""));
            case 10: return ("unknown account", f => Set(f, "account_id", "\"no-such-" + random.Next() + "\""));
            default: return ("missing " + id, f => f.RemoveAll(x => x.Key == id));
        }
    }

    private sealed record BatchPath(string Path, Func<int, Dictionary<string, string>> Valid, string[] Ids, string[] Times, string[] Counts, string[] Texts);

    private static (string Path, byte[] Body, string What) Next(Random random)
    {
        var posts = random.Next(2) == 0;
        var items = Enumerable.Range(0, random.Next(1, 8)).Select(i => posts ? Post(i) : Read(i)).ToList();
        var item = random.Next(items.Count);
        var path = posts ? "api/v1/posts" : "api/v1/reads";
        string what;
        switch (random.Next(0, 13))
        {
            case 0:
                var json = Json(items);
                return (path, Encoding.UTF8.GetBytes(json[..random.Next(1, json.Length - 1)]), "truncated JSON");
            case 1:
                var bytes = Encoding.UTF8.GetBytes(Json(items)).ToList();
                bytes.InsertRange(random.Next(bytes.Count / 2, bytes.Count - 2), [0xFF, 0xC0, 0x80]);
                return (path, [.. bytes], "invalid UTF-8");
            case 2:
                items[item]["account_id"] = "\"gh_api\\u0000\"";
                what = "NUL character";
                break;
            case 3:
                items[item][posts ? "post_id" : "account_id"] = "\"" + new string('长', random.Next(300, 300_000)) + "\"";
                what = "huge key field";
                break;
            case 4:
                items[item][posts ? "published_at" : "captured_at"] = BadTimestamps[random.Next(BadTimestamps.Length)];
                what = "bad timestamp";
                break;
            case 5 when !posts:
                items[item][new[] { "reads", "likes", "shares" }[random.Next(3)]] = BadCounts[random.Next(BadCounts.Length)];
                what = "bad count";
                break;
            case 5:
                items[item]["is_original"] = "\"maybe\"";
                what = "bad boolean";
                break;
            case 6:
                items[item]["platform"] = random.Next(2) == 0 ? "\"wechat2\"" : "7";
                what = "unknown platform";
                break;
            case 7:
                items[item]["account_id"] = "\"no-such-" + random.Next() + "\"";
                what = "unknown account";
                break;
            case 8:
                items.Add(new Dictionary<string, string>(items[item]));
                what = "duplicate item";
                break;
            case 9:
                var depth = random.Next(65, 5000);
                return (path, Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)), "deep nesting");
            case 10:
                return (path, Encoding.UTF8.GetBytes(random.Next(3) switch { 0 => "{}", 1 => "\"text\"", _ => "42" }), "not an array");
            case 11:
                return (path, Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("{}", 10_001)) + "]"), "oversize batch of empty items");
            default:
                items[item].Remove(posts ? "post_id" : "reads");
                what = "required field missing";
                break;
        }

        return (path, Encoding.UTF8.GetBytes(Json(items)), what);
    }

    private static Dictionary<string, string> Post(int i) => new()
    {
        ["platform"] = "\"wechat\"", ["account_id"] = "\"gh_api\"", ["post_id"] = $"\"fuzz-{i}\"",
        ["published_at"] = "\"2026-11-02T09:30:00+08:00\"", ["title"] = "\"<script>标题</script>\"", ["content"] = "\"正文\"",
    };

    private static Dictionary<string, string> Read(int i) => new()
    {
        ["platform"] = "\"wechat\"", ["account_id"] = "\"gh_api\"", ["post_id"] = "\"known\"",
        ["captured_at"] = string.Create(CultureInfo.InvariantCulture, $"\"2026-11-0{1 + (i % 9)}T10:{i % 60:00}:00+08:00\""), ["reads"] = "100",
    };

    private static Dictionary<string, string> Interaction(int i) => new()
    {
        ["platform"] = "\"wechat\"", ["account_id"] = "\"gh_api\"", ["message_id"] = $"\"fuzz-msg-{i}\"", ["kind"] = "\"message\"",
        ["received_at"] = "\"2026-11-02T09:30:00+08:00\"", ["replied_at"] = "\"2026-11-03T10:00:00+08:00\"", ["needs_reply"] = "true",
    };

    private static string Json(List<Dictionary<string, string>> items) =>
        "[" + string.Join(',', items.Select(i => "{" + string.Join(',', i.Select(p => $"\"{p.Key}\":{p.Value}")) + "}")) + "]";
}
