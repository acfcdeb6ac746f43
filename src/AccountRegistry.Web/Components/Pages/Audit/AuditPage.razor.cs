using System.Globalization;
using AccountRegistry.Application.Audit;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Audit;

public partial class AuditPage
{
    private MudTable<AuditSearch.Row>? table;
    private AuditSearch.Query query = new();
    private int totalCount;

    [Inject]
    private AuditSearch.Handler Search { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    private DateTime? From => query.From?.ToDateTime(TimeOnly.MinValue);

    private DateTime? To => query.To?.ToDateTime(TimeOnly.MinValue);

    private string ExportUrl
    {
        get
        {
            var parts = new List<string>();
            void Add(string name, string? value)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    parts.Add(name + "=" + Uri.EscapeDataString(value));
                }
            }

            Add("actor", query.Actor);
            Add("action", query.Action);
            Add("entityType", query.EntityType);
            Add("entityId", query.EntityId);
            Add("from", query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("to", query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("text", query.Text);
            return "audit/export.xlsx" + (parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts));
        }
    }

    private static DateOnly? ToDay(DateTime? value) => value is { } d ? DateOnly.FromDateTime(d) : null;

    private async Task<TableData<AuditSearch.Row>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await Search.HandleAsync(query with { Page = state.Page + 1, PageSize = state.PageSize }, await CurrentUser.GetScopeAsync(), cancellationToken);
        if (totalCount != page.TotalCount)
        {
            totalCount = page.TotalCount;
            StateHasChanged();
        }

        return new TableData<AuditSearch.Row> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task SetAsync(AuditSearch.Query value)
    {
        query = value;
        if (table is not null)
        {
            await table.ReloadServerData();
        }
    }
}
