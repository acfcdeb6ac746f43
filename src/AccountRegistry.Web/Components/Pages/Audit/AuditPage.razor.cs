using System.Globalization;
using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Web.Components.Shared;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Audit;

public partial class AuditPage
{
    private readonly ServerTable<AuditSearch.Row, AuditSearch.Query> grid;

    public AuditPage() => grid = new(new AuditSearch.Query(), LoadAsync, StateHasChanged);

    [Inject]
    private AuditSearch.Handler Search { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    private DateTime? From => grid.Filter.From?.ToDateTime(TimeOnly.MinValue);

    private DateTime? To => grid.Filter.To?.ToDateTime(TimeOnly.MinValue);

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

            Add("actor", grid.Filter.Actor);
            Add("action", grid.Filter.Action);
            Add("entityType", grid.Filter.EntityType);
            Add("entityId", grid.Filter.EntityId);
            Add("from", grid.Filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("to", grid.Filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("text", grid.Filter.Text);
            return "audit/export.xlsx" + (parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts));
        }
    }

    private static DateOnly? ToDay(DateTime? value) => value is { } d ? DateOnly.FromDateTime(d) : null;

    private async Task<PagedResult<AuditSearch.Row>> LoadAsync(AuditSearch.Query filter, TableState state, CancellationToken cancellationToken) =>
        await Search.HandleAsync(filter with { Page = state.PageNumber(), PageSize = state.PageSize }, await CurrentUser.GetScopeAsync(), cancellationToken);
}
