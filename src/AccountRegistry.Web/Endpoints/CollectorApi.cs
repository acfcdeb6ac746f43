using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using AccountRegistry.Application.Collectors;
using AccountRegistry.Application.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace AccountRegistry.Web.Endpoints;

/// <summary>
/// The collector API: POST /api/v1/posts, /api/v1/reads and /api/v1/interactions take JSON arrays whose items have the CSV columns of
/// spec/interchange.md as fields. Authenticated by an administrator-issued key in X-Api-Key, not by the user login.
/// The same checks as a file import, and all-or-nothing per batch: 400 with every bad row as RFC 7807 problem
/// details, or 200 with counts. OpenAPI document at /openapi/v1.json, browsable reference at /scalar/v1.
/// </summary>
public static class CollectorApi
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string DocumentName = "v1";
    private const string CollectorItem = "collector";

    /// <summary>Registers the OpenAPI document. Call with the other services in Program.cs.</summary>
    public static IServiceCollection AddCollectorApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "AccountRegistry collector API";
                document.Info.Description =
                    "Deliver posts, read counts and public messages in batches (at most " + ImportBatch.MaxRows + " items). Fields and formats are those of the CSV " +
                    "files (spec/interchange.md, spec/inspection.md). A batch with any invalid item stores nothing; the 400 response lists every invalid item " +
                    "with its zero-based index in the array (row; null for the batch as a whole), field, value and reason. " +
                    "A stored batch may come back with warnings in the same shape (a cumulative figure lower than at an earlier capture). " +
                    ImportLimits.Description;
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyHeader,
                    Description = "A collector key issued by an administrator (shown once, at creation).",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapCollectorApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1")
            .AllowAnonymous()
            .DisableAntiforgery()
            .AddEndpointFilter(RequireApiKeyAsync)
            .WithTags("Collector")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        MapBatch<PostItem>(api, "/posts", ImportKind.Posts, "PostPosts", "Add or update posts",
            "Key: platform + account_id + post_id. The account must exist. Re-sending an unchanged post changes nothing.");
        MapBatch<ReadItem>(api, "/reads", ImportKind.Reads, "PostReads", "Add or update read snapshots",
            "Key: the post + captured_at (an instant). The post must exist. Re-sending an unchanged snapshot changes nothing.");
        MapBatch<InteractionItem>(api, "/interactions", ImportKind.Interactions, "PostInteractions", "Add or update public messages, comments and private letters",
            "Key: platform + account_id + message_id. The account must exist. Re-sending a message with replied_at set records the reply; " +
            "re-sending an unchanged one changes nothing. replied_at earlier than received_at is refused.");

        endpoints.MapOpenApi().AllowAnonymous();
        endpoints.MapScalarApiReference(options =>
        {
            options.Title = "AccountRegistry collector API";

            // The machines are offline: no fonts from a CDN, no telemetry.
            options.DefaultFonts = false;
            options.Telemetry = false;

            // The app's Content-Security-Policy allows no inline script; the page's one gets a per-request nonce.
            options.DynamicNonce = true;
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>One batch endpoint: a JSON array of <typeparamref name="TItem"/> imported as <paramref name="kind"/>'s file would be.</summary>
    private static void MapBatch<TItem>(RouteGroupBuilder api, string path, ImportKind kind, string name, string summary, string description) =>
        api.MapPost(path, (HttpRequest request, ImportBatch.Handler handler, CancellationToken cancellationToken) =>
                ImportAsync(kind, request, handler, cancellationToken))
            .Accepts<TItem[]>("application/json")
            .Produces<BatchResult>()
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(description);

    private static async ValueTask<object?> RequireApiKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var presented = http.Request.Headers[ApiKeyHeader].ToString();
        var collector = await http.RequestServices.GetRequiredService<AuthenticateCollector.Handler>().HandleAsync(presented, http.RequestAborted);
        if (collector is null)
        {
            http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyHeader}\"";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: string.IsNullOrEmpty(presented) ? $"The {ApiKeyHeader} header is missing." : "The API key is unknown or revoked.",
                detail: "Ask an administrator for a collector key and send it in the X-Api-Key header.");
        }

        http.Items[CollectorItem] = collector;
        return await next(context);
    }

    private static async Task<IResult> ImportAsync(ImportKind kind, HttpRequest request, ImportBatch.Handler handler, CancellationToken cancellationToken)
    {
        var collector = (AuthenticateCollector.Collector)request.HttpContext.Items[CollectorItem]!;
        JsonDocument document;
        try
        {
            // JsonDocument checks the UTF-8 of its structure but not of string values until they are read, which
            // would fail deep in the import as a 500: check the whole body first.
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, cancellationToken);
            if (!System.Text.Unicode.Utf8.IsValid(body.GetBuffer().AsSpan(0, (int)body.Length)))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not valid UTF-8.");
            }

            document = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not valid JSON.", detail: ex.Message);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body must be a JSON array of items.");
            }

            var items = document.RootElement.EnumerateArray().ToList();
            var result = await handler.HandleAsync(new ImportBatch.Command(kind, items, collector.Name), cancellationToken);
            if (!result.Accepted)
            {
                var errors = result.Errors.Select(RowError.From).ToList();
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "The batch has invalid items; nothing was stored.",
                    detail: $"{result.Errors.Count + result.OmittedErrors} invalid item(s).",
                    extensions: new Dictionary<string, object?> { ["errors"] = errors });
            }

            return TypedResults.Ok(new BatchResult(result.RowsRead, result.Inserted, result.Updated, result.Unchanged, [.. result.RowWarnings.Select(RowError.From)]));
        }
    }

    /// <summary>One invalid item: its zero-based index in the array (null: the batch as a whole), the field, the value sent and why.</summary>
    public sealed record RowError(
        [property: JsonPropertyName("row")] int? Row,
        [property: JsonPropertyName("field")] string Field,
        [property: JsonPropertyName("value")] string? Value,
        [property: JsonPropertyName("reason")] string Reason,
        [property: JsonPropertyName("code")] string Code)
    {
        public static RowError From(ImportError error)
        {
            ArgumentNullException.ThrowIfNull(error);
            return new(error.Line == ImportError.WholeBatch ? null : error.Line, error.Column, error.Value, error.Reason, error.Code.ToString());
        }
    }

    public sealed record BatchResult(
        [property: JsonPropertyName("received")] long Received,
        [property: JsonPropertyName("inserted")] long Inserted,
        [property: JsonPropertyName("updated")] long Updated,
        [property: JsonPropertyName("unchanged")] long Unchanged,
        [property: JsonPropertyName("warnings"), Description("Stored items that deserve a look, e.g. a cumulative figure that went down")] IReadOnlyList<RowError> Warnings);

    /// <summary>A post, as a row of posts.csv.</summary>
    public sealed record PostItem(
        [property: JsonPropertyName("platform"), Description("wechat, weibo, douyin, toutiao, kuaishou, bilibili, app, website or other")] string Platform,
        [property: JsonPropertyName("account_id"), Description("The platform's own id of the account"), MaxLength(ImportLimits.IdLength)] string AccountId,
        [property: JsonPropertyName("post_id"), Description("Unique per account"), MaxLength(ImportLimits.IdLength)] string PostId,
        [property: JsonPropertyName("published_at"), Description("ISO 8601 with offset, e.g. 2019-05-08T09:30:00+08:00")] DateTimeOffset PublishedAt,
        [property: JsonPropertyName("title"), MaxLength(ImportLimits.TitleLength)] string? Title,
        [property: JsonPropertyName("content"), Description("Full text"), MaxLength(ImportLimits.ContentLength)] string? Content,
        [property: JsonPropertyName("is_original"), Description("false for reposts and forwards; default true")] bool? IsOriginal,
        [property: JsonPropertyName("url"), MaxLength(ImportLimits.UrlLength)] string? Url);

    /// <summary>A read snapshot, as a row of reads.csv.</summary>
    public sealed record ReadItem(
        [property: JsonPropertyName("platform")] string Platform,
        [property: JsonPropertyName("account_id"), MaxLength(ImportLimits.IdLength)] string AccountId,
        [property: JsonPropertyName("post_id"), MaxLength(ImportLimits.IdLength)] string PostId,
        [property: JsonPropertyName("captured_at"), Description("When the figures were read: ISO 8601 with offset")] DateTimeOffset CapturedAt,
        [property: JsonPropertyName("reads"), Description("Cumulative reads, ≥ 0")] long Reads,
        [property: JsonPropertyName("likes"), Description("Cumulative, ≥ 0")] long? Likes,
        [property: JsonPropertyName("shares"), Description("Cumulative, ≥ 0")] long? Shares);

    /// <summary>A public message, comment or private letter, as a row of interactions.csv.</summary>
    public sealed record InteractionItem(
        [property: JsonPropertyName("platform")] string Platform,
        [property: JsonPropertyName("account_id")] string AccountId,
        [property: JsonPropertyName("message_id"), Description("Unique per account")] string MessageId,
        [property: JsonPropertyName("kind"), Description("message or comment; default message")] string? Kind,
        [property: JsonPropertyName("received_at"), Description("ISO 8601 with offset")] DateTimeOffset ReceivedAt,
        [property: JsonPropertyName("replied_at"), Description("ISO 8601 with offset; null or absent while unanswered")] DateTimeOffset? RepliedAt,
        [property: JsonPropertyName("needs_reply"), Description("false for what needs no answer (praise, an emoji); default true")] bool? NeedsReply);
}
