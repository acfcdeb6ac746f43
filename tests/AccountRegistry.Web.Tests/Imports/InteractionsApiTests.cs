using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountRegistry.Web.Endpoints;

namespace AccountRegistry.Web.Tests.Imports;

/// <summary>POST /api/v1/interactions over real HTTP: idempotent by account + message_id, all-or-nothing, documented.</summary>
public sealed class InteractionsApiTests(CollectorApiHost host) : IClassFixture<CollectorApiHost>
{
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostInteractions_SameBatchTwiceThenWithReply_InsertsOnceThenUpdates()
    {
        var key = await host.CreateKeyAsync("interactions-idempotent");
        object[] unanswered = [new { platform = "wechat", account_id = "gh_api", message_id = "i-1", kind = "comment", received_at = "2026-11-20T21:00:00+08:00" }];
        object[] answered = [new { platform = "wechat", account_id = "gh_api", message_id = "i-1", kind = "comment", received_at = "2026-11-20T21:00:00+08:00", replied_at = "2026-11-23T09:00:00+08:00" }];

        var first = await ReadAsync(await SendAsync(key.Key, unanswered));
        var again = await ReadAsync(await SendAsync(key.Key, unanswered));
        var reply = await ReadAsync(await SendAsync(key.Key, answered));

        Assert.Equal((1, 0, 0), (first.GetProperty("inserted").GetInt64(), first.GetProperty("updated").GetInt64(), first.GetProperty("unchanged").GetInt64()));
        Assert.Equal((0, 0, 1), (again.GetProperty("inserted").GetInt64(), again.GetProperty("updated").GetInt64(), again.GetProperty("unchanged").GetInt64()));
        Assert.Equal(1, reply.GetProperty("updated").GetInt64());
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM interactions WHERE message_id = 'i-1' AND replied_at IS NOT NULL AND kind = 'comment'"));
    }

    [Fact]
    public async Task PostInteractions_InvalidItems_Are400WithEveryItemAndStoreNothing()
    {
        var key = await host.CreateKeyAsync("interactions-invalid");
        object[] batch =
        [
            new { platform = "wechat", account_id = "gh_api", message_id = "bad-ok", received_at = "2026-11-20T09:00:00+08:00" },
            new { platform = "wechat", account_id = "gh_api", message_id = "bad-early", received_at = "2026-11-20T09:00:00+08:00", replied_at = "2026-11-20T08:59:00+08:00" },
            new { platform = "wechat", account_id = "gh_nobody", message_id = "bad-who", received_at = "2026-11-20T09:00:00+08:00" },
            new { platform = "wechat", account_id = "gh_api", message_id = "bad-kind", kind = "letter", received_at = "2026-11-20T09:00:00+08:00", needs_reply = false },
        ];

        var response = await SendAsync(key.Key, batch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString(), e.GetProperty("code").GetString()))
            .OrderBy(e => e.Item1)
            .ToList();
        Assert.Equal([(1, "replied_at", "RepliedBeforeReceived"), (2, "account_id", "UnknownAccount"), (3, "kind", "UnknownKind")], errors);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM interactions WHERE message_id LIKE 'bad-%'"));
    }

    [Fact]
    public async Task PostInteractions_WithoutKey_Is401_AndTheEndpointIsDocumented()
    {
        object[] batch = [new { platform = "wechat", account_id = "gh_api", message_id = "nokey", received_at = "2026-11-20T09:00:00+08:00" }];

        var response = await host.Client.PostAsJsonAsync("/api/v1/interactions", batch, Cancel);
        var document = await host.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM interactions WHERE message_id = 'nokey'"));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/interactions", out var path));
        Assert.True(path.GetProperty("post").TryGetProperty("requestBody", out _));
    }

    private async Task<HttpResponseMessage> SendAsync(string key, object[] batch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/interactions") { Content = JsonContent.Create(batch) };
        request.Headers.Add(CollectorApi.ApiKeyHeader, key);
        return await host.Client.SendAsync(request, Cancel);
    }

    private async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancel));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }
}
