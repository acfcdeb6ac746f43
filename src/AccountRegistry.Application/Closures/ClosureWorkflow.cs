using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Notifications;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AccountRegistry.Application.Closures;

/// <summary>What a step of the workflow works with: the request (loaded inside the user's scope), the unit of work and the clock.</summary>
public sealed record ClosureChange(RegistryDbContext Db, ClosureRequest Request, ClosureActor Actor, UserScope Scope, DateTimeOffset Now, ClosureDeadlines Deadlines);

/// <summary>
/// The path every use case of the workflow takes: load the request inside the user's scope (another unit's request
/// answers "not found"), let the domain move it, write one audit row and the other party's notifications per new
/// step, save once (so the change, its history and its notifications commit together). A concurrent change of the same request (xmin) surfaces as
/// <see cref="ClosureError.ChangedByAnotherUser"/>, never as a silent overwrite.
/// </summary>
public sealed class ClosureWorkflow(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock, ClosureDeadlines deadlines)
{
    public const string EntityType = "closure_request";

    public ClosureDeadlines Deadlines => deadlines;

    public TimeProvider Clock => clock;

    /// <summary>Loads a request the user may see, runs the step, records and saves.</summary>
    public async Task<T> ChangeAsync<T>(int requestId, UserScope scope, Func<ClosureChange, Task<T>> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(step);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.ClosureRequests.VisibleTo(scope)
            .Include(r => r.Unit)
            .Include(r => r.Account)
            .FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            ?? throw new NotFoundOrForbiddenException($"Closure request {requestId} was not found.");
        var change = new ClosureChange(db, request, ClosureScope.ActorOf(scope), scope, clock.GetUtcNow(), deadlines);
        var result = await step(change);
        await RecordStepsAsync(change, cancellationToken);
        await SaveAsync(db, cancellationToken);
        return result;
    }

    /// <summary>Creates a request: saved first for its id, then its history and notifications, in one transaction.</summary>
    public async Task<int> CreateAsync(UserScope scope, Func<RegistryDbContext, ClosureActor, DateTimeOffset, Task<ClosureRequest>> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(create);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var actor = ClosureScope.ActorOf(scope);
        var now = clock.GetUtcNow();
        var request = await create(db, actor, now);
        db.ClosureRequests.Add(request);
        await SaveAsync(db, cancellationToken);
        await db.Entry(request).Reference(r => r.Unit).LoadAsync(cancellationToken);
        await db.Entry(request).Reference(r => r.Account).LoadAsync(cancellationToken);
        await RecordStepsAsync(new ClosureChange(db, request, actor, scope, now, deadlines), request.Steps, cancellationToken);
        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return request.Id;
    }

    /// <summary>The audit row of something that is not a step (a revision, a notice edit, an attachment).</summary>
    public static void Audit(ClosureChange change, string action, object? details = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        AuditLog.Append(
            change.Db,
            change.Now,
            change.Actor.UserName,
            action,
            EntityType,
            change.Request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            change.Request.UnitId,
            $"{SubjectOf(change.Request)}: {action}",
            details);
    }

    public static string SubjectOf(ClosureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Account?.Name ?? request.ProposedName ?? $"#{request.Id}";
    }

    /// <summary>The audit code of a step, e.g. "closure.submitted".</summary>
    public static string AuditActionOf(ClosureAction action) => action switch
    {
        ClosureAction.Create => "closure.created",
        ClosureAction.Revise => "closure.revised",
        ClosureAction.Submit => "closure.submitted",
        ClosureAction.Approve => "closure.approved",
        ClosureAction.Reject => "closure.rejected",
        ClosureAction.EditNotice => "closure.notice_edited",
        ClosureAction.PostNotice => "closure.notice_posted",
        ClosureAction.RecordDeregistration => "closure.deregistered",
        ClosureAction.Complete => "closure.completed",
        ClosureAction.RecordOpening => "closure.opened",
        ClosureAction.Withdraw => "closure.withdrawn",
        ClosureAction.Attach => "closure.attachment_added",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>
    /// Adds the audit rows and notifications of the steps a request has taken but not yet stored. Also used by
    /// <see cref="ReviewDecisionClosures"/>, which works in the caller's unit of work.
    /// </summary>
    internal static async Task RecordStepsAsync(ClosureChange change, IEnumerable<ClosureStep> steps, CancellationToken cancellationToken)
    {
        var request = change.Request;
        var subject = SubjectOf(request);
        var unitPath = request.Unit?.Path
            ?? await change.Db.Units.Where(u => u.Id == request.UnitId).Select(u => u.Path).SingleAsync(cancellationToken);
        foreach (var step in steps.ToList())
        {
            var action = AuditActionOf(step.Action);
            AuditLog.Append(
                change.Db,
                change.Now,
                change.Actor.UserName,
                action,
                EntityType,
                request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                request.UnitId,
                $"{subject}: {step.FromState?.ToCode() ?? "—"} → {step.ToState.ToCode()}",
                new
                {
                    requestId = request.Id,
                    kind = request.Kind.ToCode(),
                    accountId = request.AccountId,
                    from = step.FromState?.ToCode(),
                    to = step.ToState.ToCode(),
                    stepActor = step.Actor,
                    note = step.Note,
                    dueOn = step.DueOn,
                    reviewDecisionId = request.ReviewDecisionId,
                });

            if (OtherParty(request, step) is { } role)
            {
                var recipients = await NotificationRecipients.WithRoleOverAsync(change.Db, role, unitPath, cancellationToken);
                Notifier.Add(change.Db, recipients, action, subject, ClosureScope.LinkTo(request.Id), step.Actor, step.Note, change.Now);
            }
        }
    }

    private static Task RecordStepsAsync(ClosureChange change, CancellationToken cancellationToken) =>
        RecordStepsAsync(change, change.Request.Steps.Where(s => s.Id == 0), cancellationToken);

    /// <summary>Whom a step concerns next: the clerks for a reviewer's step, the reviewers for a clerk's step.</summary>
    private static string? OtherParty(ClosureRequest request, ClosureStep step) => step.Action switch
    {
        ClosureAction.Create => request.Origin == ClosureOrigin.ReviewDecision ? Roles.Clerk : null,

        // A decision's request is approved at once: the reviewers have nothing to do, the clerk hears of the approval.
        ClosureAction.Submit => request.State == ClosureState.Submitted ? Roles.Reviewer : null,
        ClosureAction.Approve or ClosureAction.Reject or ClosureAction.Complete => Roles.Clerk,
        ClosureAction.PostNotice or ClosureAction.RecordDeregistration or ClosureAction.RecordOpening => Roles.Reviewer,

        // A withdrawal concerns the reviewers only if they ever saw the request.
        ClosureAction.Withdraw => request.DecidedBy is not null ? Roles.Reviewer : null,
        _ => null,
    };

    /// <summary>Saves, translating the database's refusals into the workflow's words.</summary>
    internal static async Task SaveAsync(RegistryDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ClosureException(ClosureError.ChangedByAnotherUser, "Someone else changed this request (or its account) at the same time; reload and try again. " + ex.Message);
        }
        // A second first decision on the account (the account_reviews key), flushed here when a decision opens its
        // request, is the decision's conflict: left for DecisionDesk.RunAsync to report as such.
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique
            && unique.TableName != "account_reviews")
        {
            throw unique.ConstraintName switch
            {
                "ux_closure_requests_open_per_account" => new ClosureException(ClosureError.OpenRequestExists, "The account already has an open closure request."),
                _ when unique.TableName == "accounts" => new ClosureException(ClosureError.PlatformAccountIdTaken, "The register already holds an account with this platform id."),
                _ => new ClosureException(ClosureError.ChangedByAnotherUser, "The change conflicts with data saved meanwhile: " + unique.MessageText),
            };
        }
    }
}
