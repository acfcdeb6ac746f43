using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Closures;

/// <summary>申请详情: one request with its timeline, attachments, notice and the actions this user may take now.</summary>
public static class ClosureRequestDetail
{
    public sealed record Step(ClosureAction Action, ClosureState? FromState, ClosureState ToState, string Actor, DateTimeOffset At, string? Note, DateOnly? DueOn);

    public sealed record Facts
    {
        public required int Id { get; init; }

        public required ClosureKind Kind { get; init; }

        public required ClosureState State { get; init; }

        public required ClosureOrigin Origin { get; init; }

        public long? ReviewDecisionId { get; init; }

        public required int UnitId { get; init; }

        public required string UnitName { get; init; }

        public int? AccountId { get; init; }

        public string? AccountName { get; init; }

        public Platform? AccountPlatform { get; init; }

        public string? PlatformAccountId { get; init; }

        public AccountStatus? AccountStatus { get; init; }

        public bool AccountProvidesServices { get; init; }

        public required IReadOnlyList<ClosureReason> Reasons { get; init; }

        public string? ReasonText { get; init; }

        public DateOnly? PlannedLastPostOn { get; init; }

        public int? MergeTargetAccountId { get; init; }

        public string? MergeTargetName { get; init; }

        public string? ServiceTakeover { get; init; }

        public Platform? ProposedPlatform { get; init; }

        public string? ProposedName { get; init; }

        public bool BreaksOneAccountPerPlatform { get; init; }

        public string? ConflictingAccountName { get; init; }

        public bool BreaksBelowCountyLevel { get; init; }

        public int? OpenedAccountId { get; init; }

        /// <summary>The notice as it stands: the clerk's edit, else the generated text (null for an opening).</summary>
        public string? NoticeText { get; init; }

        public bool NoticeEdited { get; init; }

        public DateOnly? NoticePostedOn { get; init; }

        public string? NoticeUrl { get; init; }

        public DateOnly? DeregisteredOn { get; init; }

        public string? DecidedBy { get; init; }

        public string? DecisionNote { get; init; }

        public required string CreatedBy { get; init; }

        public required DateTimeOffset CreatedAt { get; init; }

        public DateOnly? DueOn { get; init; }

        public bool IsOverdue { get; init; }

        public ClosureNextStep NextStep => ClosureNextSteps.Of(State, Kind);

        public required IReadOnlySet<ClosureAction> AllowedActions { get; init; }

        /// <summary>What a submission still lacks, so the page can say so before the clerk presses the button.</summary>
        public required IReadOnlyList<ClosureError> MissingForSubmission { get; init; }

        public required IReadOnlyList<Step> Steps { get; init; }

        public required IReadOnlyList<ClosureAttachments.Info> Attachments { get; init; }

        public int ProofCount => Attachments.Count(a => a.Purpose == AttachmentPurpose.Proof);
    }

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<Facts> GetAsync(int requestId, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var request = await db.ClosureRequests.AsNoTracking().VisibleTo(scope)
                .Include(r => r.Unit)
                .Include(r => r.Account)
                .Include(r => r.MergeTarget)
                .Include(r => r.Steps)
                .AsSplitQuery()
                .FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken)
                ?? throw new NotFoundOrForbiddenException($"Closure request {requestId} was not found.");
            var today = ShanghaiCalendar.Today(clock);
            var conflicting = request.ConflictingAccountId is { } conflictId
                ? await db.Accounts.AsNoTracking().Where(a => a.Id == conflictId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken)
                : null;
            var attachments = await db.ClosureAttachments.AsNoTracking()
                .Where(a => a.RequestId == request.Id)
                .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
                .Select(a => new ClosureAttachments.Info(a.Id, a.Purpose, a.FileName, a.ContentType, a.SizeBytes, a.UploadedBy, a.UploadedAt))
                .ToListAsync(cancellationToken);
            var notice = request.NoticeText ?? await ClosureNotices.ComposeAsync(db, request, today, cancellationToken);

            return new Facts
            {
                Id = request.Id,
                Kind = request.Kind,
                State = request.State,
                Origin = request.Origin,
                ReviewDecisionId = request.ReviewDecisionId,
                UnitId = request.UnitId,
                UnitName = request.Unit!.Name,
                AccountId = request.AccountId,
                AccountName = request.Account?.Name,
                AccountPlatform = request.Account?.Platform,
                PlatformAccountId = request.Account?.PlatformAccountId,
                AccountStatus = request.Account?.Status,
                AccountProvidesServices = request.AccountProvidesServices,
                Reasons = request.Reasons,
                ReasonText = request.ReasonText,
                PlannedLastPostOn = request.PlannedLastPostOn,
                MergeTargetAccountId = request.MergeTargetAccountId,
                MergeTargetName = request.MergeTarget?.Name,
                ServiceTakeover = request.ServiceTakeover,
                ProposedPlatform = request.ProposedPlatform,
                ProposedName = request.ProposedName,
                BreaksOneAccountPerPlatform = request.BreaksOneAccountPerPlatform,
                ConflictingAccountName = conflicting,
                BreaksBelowCountyLevel = request.BreaksBelowCountyLevel,
                OpenedAccountId = request.OpenedAccountId,
                NoticeText = notice,
                // Posting stores the text as published; "edited" means the clerk reworded it before that.
                NoticeEdited = request.NoticeText is not null && request.NoticePostedOn is null,
                NoticePostedOn = request.NoticePostedOn,
                NoticeUrl = request.NoticeUrl,
                DeregisteredOn = request.DeregisteredOn,
                DecidedBy = request.DecidedBy,
                DecisionNote = request.DecisionNote,
                CreatedBy = request.CreatedBy,
                CreatedAt = request.CreatedAt,
                DueOn = request.DueOn,
                IsOverdue = request.IsOverdue(today),
                AllowedActions = request.AllowedActions(ClosureScope.ActorOf(scope)),
                MissingForSubmission = request.State is ClosureState.Draft or ClosureState.Rejected ? request.MissingForSubmission(today) : [],
                Steps = request.Steps.OrderBy(s => s.At).ThenBy(s => s.Id)
                    .Select(s => new Step(s.Action, s.FromState, s.ToState, s.Actor, s.At, s.Note, s.DueOn))
                    .ToList(),
                Attachments = attachments,
            };
        }
    }
}
