// Over 300 lines on purpose: every transition of the workflow below is a method here with its checks, so the whole
// state machine reads in one place, next to its diagram (the steps it appends are in ClosureStep.cs).
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Units;
using AccountRegistry.Domain.Text;

namespace AccountRegistry.Domain.Closures;

/// <summary>
/// 关停申请: a unit's request to close an account, merge it into a county hub, or open a new one, carried through
/// named, dated steps:
/// <code>
/// Draft ──submit──▶ Submitted ──approve──▶ Approved ──post notice──▶ NoticePosted ──deregister──▶ Deregistered ──complete──▶ Completed
///   │  ▲               └──reject──▶ Rejected ──submit──▶ Submitted            (open: Approved ──record opening──▶ Completed)
///   └──┴── withdraw ◀────────────────┘
/// </code>
/// Clerks file, revise, submit, withdraw, post the notice, deregister and record an opening; reviewers approve,
/// reject and complete. Every move checks the state, the actor's role and the data the step needs, and appends a
/// <see cref="ClosureStep"/>. A request opened by a reviewer's decision is approved as soon as the clerk submits it:
/// the reviewer already decided, and asking again would be the paperwork ping-pong this workflow exists to end.
/// </summary>
public class ClosureRequest
{
    public const int MaxTextLength = 1000;
    public const int MaxNoticeLength = 4000;
    public const int MaxUrlLength = 500;
    public const int MaxNameLength = 200;

    // Declared before the table: static initialisers run in text order.
    private static readonly ClosureKind[] AnyKind = [ClosureKind.Close, ClosureKind.Merge, ClosureKind.Open];
    private static readonly ClosureKind[] EndingKinds = [ClosureKind.Close, ClosureKind.Merge];

    /// <summary>(state, action, kinds) → (who, next state). A missing row is an illegal transition.</summary>
    private static readonly IReadOnlyList<Transition> Transitions =
    [
        new(ClosureState.Draft, ClosureAction.Revise, Role.Clerk, ClosureState.Draft, AnyKind),
        new(ClosureState.Draft, ClosureAction.Submit, Role.Clerk, ClosureState.Submitted, AnyKind),
        new(ClosureState.Draft, ClosureAction.Withdraw, Role.Clerk, ClosureState.Withdrawn, AnyKind),
        new(ClosureState.Draft, ClosureAction.EditNotice, Role.Clerk, ClosureState.Draft, EndingKinds),
        new(ClosureState.Draft, ClosureAction.Attach, Role.Clerk, ClosureState.Draft, AnyKind),
        new(ClosureState.Submitted, ClosureAction.Approve, Role.Reviewer, ClosureState.Approved, AnyKind),
        new(ClosureState.Submitted, ClosureAction.Reject, Role.Reviewer, ClosureState.Rejected, AnyKind),
        new(ClosureState.Submitted, ClosureAction.EditNotice, Role.Clerk, ClosureState.Submitted, EndingKinds),
        new(ClosureState.Submitted, ClosureAction.Attach, Role.Clerk, ClosureState.Submitted, AnyKind),
        new(ClosureState.Rejected, ClosureAction.Revise, Role.Clerk, ClosureState.Rejected, AnyKind),
        new(ClosureState.Rejected, ClosureAction.Submit, Role.Clerk, ClosureState.Submitted, AnyKind),
        new(ClosureState.Rejected, ClosureAction.Withdraw, Role.Clerk, ClosureState.Withdrawn, AnyKind),
        new(ClosureState.Rejected, ClosureAction.EditNotice, Role.Clerk, ClosureState.Rejected, EndingKinds),
        new(ClosureState.Rejected, ClosureAction.Attach, Role.Clerk, ClosureState.Rejected, AnyKind),
        new(ClosureState.Approved, ClosureAction.PostNotice, Role.Clerk, ClosureState.NoticePosted, EndingKinds),
        new(ClosureState.Approved, ClosureAction.EditNotice, Role.Clerk, ClosureState.Approved, EndingKinds),
        new(ClosureState.Approved, ClosureAction.Attach, Role.Clerk, ClosureState.Approved, AnyKind),
        new(ClosureState.Approved, ClosureAction.RecordOpening, Role.Clerk, ClosureState.Completed, [ClosureKind.Open]),
        new(ClosureState.NoticePosted, ClosureAction.RecordDeregistration, Role.Clerk, ClosureState.Deregistered, EndingKinds),
        new(ClosureState.NoticePosted, ClosureAction.Attach, Role.Clerk, ClosureState.NoticePosted, EndingKinds),
        new(ClosureState.Deregistered, ClosureAction.Complete, Role.Reviewer, ClosureState.Completed, EndingKinds),
    ];

    private readonly List<ClosureStep> steps = [];
    private List<ClosureReason> reasons = [];

    /// <summary>For EF Core.</summary>
    private ClosureRequest()
    {
        CreatedBy = string.Empty;
    }

    private ClosureRequest(ClosureKind kind, ClosureOrigin origin, int unitId, string createdBy, DateTimeOffset now)
    {
        Kind = kind;
        Origin = origin;
        UnitId = unitId;
        CreatedBy = createdBy;
        CreatedAt = now;
        StateChangedAt = now;
        State = ClosureState.Draft;
    }

    private enum Role
    {
        Clerk,
        Reviewer,
    }

    public int Id { get; private set; }

    public ClosureKind Kind { get; private set; }

    public ClosureState State { get; private set; }

    public ClosureOrigin Origin { get; private set; }

    /// <summary>The review decision that opened the request (origin <see cref="ClosureOrigin.ReviewDecision"/>).</summary>
    public long? ReviewDecisionId { get; private set; }

    /// <summary>The unit that owns the account (or, for an opening, the unit that asks). Decides who may see the request.</summary>
    public int UnitId { get; private set; }

    public Unit? Unit { get; private set; }

    /// <summary>The account to close or merge; null for an opening.</summary>
    public int? AccountId { get; private set; }

    public Account? Account { get; private set; }

    /// <summary>Copied from the account when filed: such an account needs someone to take its services over.</summary>
    public bool AccountProvidesServices { get; private set; }

    public IReadOnlyList<ClosureReason> Reasons => reasons;

    /// <summary>Free text: the reasons in the clerk's words (required with "other"); for an opening, the justification.</summary>
    public string? ReasonText { get; private set; }

    public DateOnly? PlannedLastPostOn { get; private set; }

    public int? MergeTargetAccountId { get; private set; }

    public Account? MergeTarget { get; private set; }

    /// <summary>Who takes the account's services over and where (required when the account provides services).</summary>
    public string? ServiceTakeover { get; private set; }

    public Platform? ProposedPlatform { get; private set; }

    public string? ProposedName { get; private set; }

    public bool BreaksOneAccountPerPlatform { get; private set; }

    public int? ConflictingAccountId { get; private set; }

    public bool BreaksBelowCountyLevel { get; private set; }

    /// <summary>The account an approved opening created in the register.</summary>
    public int? OpenedAccountId { get; private set; }

    public Account? OpenedAccount { get; private set; }

    /// <summary>The notice text as the clerk edited it; null while the generated text stands.</summary>
    public string? NoticeText { get; private set; }

    public DateOnly? NoticePostedOn { get; private set; }

    public string? NoticeUrl { get; private set; }

    public DateOnly? DeregisteredOn { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The reviewer's last note: the reason of a rejection, or a remark on approval.</summary>
    public string? DecisionNote { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset StateChangedAt { get; private set; }

    /// <summary>The day the next step is due (Shanghai calendar); null when the request is finished.</summary>
    public DateOnly? DueOn { get; private set; }

    /// <summary>PostgreSQL xmin: two users moving the same request at once conflict instead of both succeeding.</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<ClosureStep> Steps => steps;

    public bool IsOverdue(DateOnly today) => DueOn is { } due && today > due;

    /// <summary>A clerk asks to close an account of their unit or merge it into a hub.</summary>
    public static ClosureRequest FileClosure(
        ClosureActor clerk, Account account, ClosureKind kind, ClosureDetails details, DateTimeOffset now, ClosureDeadlines deadlines)
    {
        ArgumentNullException.ThrowIfNull(clerk);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(deadlines);
        RequireRole(clerk, Role.Clerk, ClosureAction.Create);
        var request = NewFor(account, kind, ClosureOrigin.Clerk, clerk.UserName, now);
        request.Apply(details);
        request.Enter(ClosureAction.Create, null, ClosureState.Draft, clerk.UserName, now, null, deadlines);
        return request;
    }

    /// <summary>A clerk asks to open an account; the check says which of the policy's rules it would break.</summary>
    public static ClosureRequest FileOpening(
        ClosureActor clerk, OpeningDetails details, OpeningCheck check, DateTimeOffset now, ClosureDeadlines deadlines)
    {
        ArgumentNullException.ThrowIfNull(clerk);
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(deadlines);
        RequireRole(clerk, Role.Clerk, ClosureAction.Create);
        var request = new ClosureRequest(ClosureKind.Open, ClosureOrigin.Clerk, details.UnitId, clerk.UserName, now);
        request.Apply(details, check);
        request.Enter(ClosureAction.Create, null, ClosureState.Draft, clerk.UserName, now, null, deadlines);
        return request;
    }

    /// <summary>
    /// A reviewer decided to close or merge an account (the review issue): the owning unit's clerk gets a draft with the
    /// decision's kind, target and reasons, completes the planned last day and any service takeover, and submits it.
    /// Submitting such a request approves it at once on the strength of the decision.
    /// </summary>
    public static ClosureRequest OpenFromReviewDecision(
        long reviewDecisionId,
        ClosureActor reviewer,
        Account account,
        ClosureKind kind,
        int? mergeTargetAccountId,
        IEnumerable<ClosureReason> reasons,
        string? note,
        DateTimeOffset now,
        ClosureDeadlines deadlines)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(reasons);
        ArgumentNullException.ThrowIfNull(deadlines);
        RequireRole(reviewer, Role.Reviewer, ClosureAction.Create);
        if (kind == ClosureKind.Merge && mergeTargetAccountId is null)
        {
            throw new ClosureException(ClosureError.MergeTargetRequired, "A merge decision must name the hub to merge into.");
        }

        var request = NewFor(account, kind, ClosureOrigin.ReviewDecision, reviewer.UserName, now);
        request.ReviewDecisionId = reviewDecisionId;
        request.DecidedBy = reviewer.UserName;
        request.DecidedAt = now;
        request.DecisionNote = Limit(note, MaxTextLength);
        request.Apply(new ClosureDetails([.. reasons.Distinct()], note, null, kind == ClosureKind.Merge ? mergeTargetAccountId : null, null));
        request.Enter(ClosureAction.Create, null, ClosureState.Draft, reviewer.UserName, now, note, deadlines);
        return request;
    }

    /// <summary>The actions this actor may take now (the pages render buttons for these only).</summary>
    public IReadOnlySet<ClosureAction> AllowedActions(ClosureActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Transitions
            .Where(t => t.From == State && t.Kinds.Contains(Kind) && HasRole(actor, t.Role))
            .Select(t => t.Action)
            .ToHashSet();
    }

    public bool CanAttach(ClosureActor actor) => AllowedActions(actor).Contains(ClosureAction.Attach);

    /// <summary>Throws unless the actor may attach a file now.</summary>
    public void EnsureCanAttach(ClosureActor actor) => Find(ClosureAction.Attach, actor);

    /// <summary>The clerk changes a draft or a rejected close/merge request.</summary>
    public void Revise(ClosureActor clerk, ClosureKind kind, ClosureDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        Find(ClosureAction.Revise, clerk);
        if (!kind.EndsAccount() || !Kind.EndsAccount())
        {
            throw new ClosureException(ClosureError.IllegalTransition, "A close or merge request cannot become an opening, nor the other way round.");
        }

        if (Origin == ClosureOrigin.ReviewDecision && (kind != Kind || details.MergeTargetAccountId != MergeTargetAccountId))
        {
            throw new ClosureException(ClosureError.DecidedByReviewer, "The reviewer's decision fixed whether to close or merge, and into which hub.");
        }

        Kind = kind;
        Apply(details);
    }

    /// <summary>The clerk changes a draft or a rejected opening request; the check is redone with the new unit and platform.</summary>
    public void ReviseOpening(ClosureActor clerk, OpeningDetails details, OpeningCheck check, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(check);
        Find(ClosureAction.Revise, clerk);
        if (Kind != ClosureKind.Open)
        {
            throw new ClosureException(ClosureError.IllegalTransition, "Only an opening request has opening details.");
        }

        UnitId = details.UnitId;
        Apply(details, check);
    }

    /// <summary>The clerk sends the request to the reviewer (a decision's request is approved at once).</summary>
    public void Submit(ClosureActor clerk, DateTimeOffset now, ClosureDeadlines deadlines)
    {
        var transition = Find(ClosureAction.Submit, clerk);
        var problems = MissingForSubmission(ShanghaiCalendar.DayOf(now));
        if (problems.Count > 0)
        {
            throw new ClosureException(problems, "The request is incomplete: " + string.Join(", ", problems) + ".");
        }

        Enter(ClosureAction.Submit, State, transition.To, clerk.UserName, now, null, deadlines);
        if (Origin == ClosureOrigin.ReviewDecision)
        {
            Enter(ClosureAction.Approve, ClosureState.Submitted, ClosureState.Approved, DecidedBy ?? clerk.UserName, now, DecisionNote, deadlines);
        }
    }

    public void Approve(ClosureActor reviewer, string? note, DateTimeOffset now, ClosureDeadlines deadlines)
    {
        var transition = Find(ClosureAction.Approve, reviewer);
        note = Clean(note);
        RequireLength(note, MaxTextLength);
        DecidedBy = reviewer.UserName;
        DecidedAt = now;
        DecisionNote = note;
        Enter(ClosureAction.Approve, State, transition.To, reviewer.UserName, now, note, deadlines);
    }

    public void Reject(ClosureActor reviewer, string? reason, DateTimeOffset now, ClosureDeadlines deadlines)
    {
        var transition = Find(ClosureAction.Reject, reviewer);
        reason = Clean(reason);
        if (reason is null)
        {
            throw new ClosureException(ClosureError.RejectReasonRequired, "A rejection must say why, so the clerk knows what to change.");
        }

        RequireLength(reason, MaxTextLength);
        DecidedBy = reviewer.UserName;
        DecidedAt = now;
        DecisionNote = reason;
        Enter(ClosureAction.Reject, State, transition.To, reviewer.UserName, now, reason, deadlines);
    }

    /// <summary>The clerk's own wording of the closing notice; null or blank goes back to the generated text.</summary>
    public void EditNotice(ClosureActor clerk, string? text)
    {
        Find(ClosureAction.EditNotice, clerk);
        text = Clean(text);
        RequireLength(text, MaxNoticeLength);
        NoticeText = text;
    }

    /// <summary>
    /// The clerk published the closing notice on the account. <paramref name="generatedText"/> is kept as the notice when
    /// the clerk never edited it, so the request always records what was published.
    /// </summary>
    public void PostNotice(ClosureActor clerk, DateOnly postedOn, string? url, string generatedText, DateTimeOffset now, ClosureDeadlines deadlines)
    {
        var transition = Find(ClosureAction.PostNotice, clerk);
        var problems = new List<ClosureError>();
        if (postedOn > ShanghaiCalendar.DayOf(now))
        {
            problems.Add(ClosureError.NoticeDateInFuture);
        }

        if (DecidedAt is { } approvedAt && postedOn < ShanghaiCalendar.DayOf(approvedAt))
        {
            problems.Add(ClosureError.NoticeDateBeforeApproval);
        }

        url = Clean(url);
        if (url is null || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var link) || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add(ClosureError.NoticeLinkInvalid);
        }

        var text = NoticeText ?? Clean(generatedText);
        if (text is null)
        {
            problems.Add(ClosureError.NoticeTextRequired);
        }

        if (problems.Count > 0)
        {
            throw new ClosureException(problems, "The notice cannot be recorded: " + string.Join(", ", problems) + ".");
        }

        NoticeText = text;
        NoticePostedOn = postedOn;
        NoticeUrl = url;
        Enter(ClosureAction.PostNotice, State, transition.To, clerk.UserName, now, url, deadlines);
    }

    /// <summary>The clerk deregistered the account on the platform; <paramref name="proofCount"/> proof attachments are stored.</summary>
    public void RecordDeregistration(ClosureActor clerk, DateOnly deregisteredOn, int proofCount, string? note, DateTimeOffset now, ClosureDeadlines deadlines)
    {
        var transition = Find(ClosureAction.RecordDeregistration, clerk);
        var problems = new List<ClosureError>();
        if (proofCount <= 0)
        {
            problems.Add(ClosureError.ProofRequired);
        }

        if (NoticePostedOn is { } posted && deregisteredOn < posted)
        {
            problems.Add(ClosureError.DeregistrationBeforeNotice);
        }

        if (deregisteredOn > ShanghaiCalendar.DayOf(now))
        {
            problems.Add(ClosureError.DeregistrationDateInFuture);
        }

        note = Clean(note);
        RequireLength(note, MaxTextLength);
        if (problems.Count > 0)
        {
            throw new ClosureException(problems, "The deregistration cannot be recorded: " + string.Join(", ", problems) + ".");
        }

        DeregisteredOn = deregisteredOn;
        Enter(ClosureAction.RecordDeregistration, State, transition.To, clerk.UserName, now, note, deadlines);
    }

    /// <summary>
    /// The reviewer confirms: the account is closed (or merged into the hub) as of the deregistration day. Returns the
    /// status change the caller must store in the same unit of work as the request.
    /// </summary>
    public AccountStatusChange Complete(ClosureActor reviewer, Account account, Account? hub, DateTimeOffset now, ClosureDeadlines deadlines)
    {
        ArgumentNullException.ThrowIfNull(account);
        var transition = Find(ClosureAction.Complete, reviewer);
        if (account.Id != AccountId)
        {
            throw new ClosureException(ClosureError.WrongAccount, $"Request {Id} concerns account {AccountId}, not {account.Id}.");
        }

        if (!account.IsLive)
        {
            throw new ClosureException(ClosureError.AccountNotLive, $"Account {account.Name} is already {account.Status.ToCode()}.");
        }

        var on = DeregisteredOn ?? ShanghaiCalendar.DayOf(now);
        var reason = $"关停申请 #{Id}";
        AccountStatusChange change;
        if (Kind == ClosureKind.Merge)
        {
            if (hub is null || hub.Id != MergeTargetAccountId || !hub.IsHub || !hub.IsLive)
            {
                throw new ClosureException(ClosureError.MergeTargetNotLiveHub, "The merge target is no longer a live hub account; the request needs a new target.");
            }

            change = account.MergeInto(hub, on, reason, reviewer.UserName, now);
        }
        else
        {
            change = account.Close(on, reason, reviewer.UserName, now);
        }

        Enter(ClosureAction.Complete, State, transition.To, reviewer.UserName, now, null, deadlines);
        return change;
    }

    /// <summary>An approved opening: the clerk records the account the platform created. Returns the account for the register.</summary>
    public Account RecordOpening(
        ClosureActor clerk, string? platformAccountId, DateOnly openedOn, string? operatorName, bool providesServices, DateTimeOffset now, ClosureDeadlines deadlines)
    {
        var transition = Find(ClosureAction.RecordOpening, clerk);
        var problems = new List<ClosureError>();
        platformAccountId = Clean(platformAccountId);
        operatorName = Clean(operatorName);
        if (platformAccountId is null || platformAccountId.Length > 128)
        {
            problems.Add(ClosureError.PlatformAccountIdRequired);
        }

        if (operatorName is null || operatorName.Length > 100)
        {
            problems.Add(ClosureError.OperatorRequired);
        }

        if (openedOn > ShanghaiCalendar.DayOf(now))
        {
            problems.Add(ClosureError.OpeningDateInFuture);
        }

        if (DisplayText.HasHidden(platformAccountId) || DisplayText.HasHidden(operatorName))
        {
            problems.Add(ClosureError.HiddenCharacters);
        }

        if (problems.Count > 0)
        {
            throw new ClosureException(problems, "The opening cannot be recorded: " + string.Join(", ", problems) + ".");
        }

        var account = new Account
        {
            Platform = ProposedPlatform!.Value,
            PlatformAccountId = platformAccountId!,
            Name = ProposedName!,
            UnitId = UnitId,
            OpenedOn = openedOn,
            Operator = operatorName,
            ProvidesServices = providesServices,
        };
        OpenedAccount = account;
        Enter(ClosureAction.RecordOpening, State, transition.To, clerk.UserName, now, platformAccountId, deadlines);
        return account;
    }

    public void Withdraw(ClosureActor clerk, string? note, DateTimeOffset now, ClosureDeadlines deadlines)
    {
        var transition = Find(ClosureAction.Withdraw, clerk);
        note = Clean(note);
        RequireLength(note, MaxTextLength);
        Enter(ClosureAction.Withdraw, State, transition.To, clerk.UserName, now, note, deadlines);
    }

    /// <summary>What a submission still lacks (empty when complete). The form shows the same list before the clerk submits.</summary>
    public IReadOnlyList<ClosureError> MissingForSubmission(DateOnly today)
    {
        var problems = new List<ClosureError>();
        if (Kind == ClosureKind.Open)
        {
            if (ProposedPlatform is null)
            {
                problems.Add(ClosureError.ProposedPlatformRequired);
            }

            if (ProposedName is null)
            {
                problems.Add(ClosureError.ProposedNameRequired);
            }

            if (ReasonText is null)
            {
                problems.Add(ClosureError.JustificationRequired);
            }

            return problems;
        }

        if (reasons.Count == 0)
        {
            problems.Add(ClosureError.ReasonRequired);
        }
        else if (reasons.Contains(ClosureReason.Other) && ReasonText is null)
        {
            problems.Add(ClosureError.OtherReasonNeedsText);
        }

        if (PlannedLastPostOn is null)
        {
            problems.Add(ClosureError.PlannedLastPostDayRequired);
        }
        else if (PlannedLastPostOn < today)
        {
            problems.Add(ClosureError.PlannedLastPostDayInPast);
        }

        if (Kind == ClosureKind.Merge && MergeTargetAccountId is null)
        {
            problems.Add(ClosureError.MergeTargetRequired);
        }

        if (AccountProvidesServices && ServiceTakeover is null)
        {
            problems.Add(ClosureError.ServiceTakeoverRequired);
        }

        return problems;
    }

    private static ClosureRequest NewFor(Account account, ClosureKind kind, ClosureOrigin origin, string createdBy, DateTimeOffset now)
    {
        if (!kind.EndsAccount())
        {
            throw new ClosureException(ClosureError.IllegalTransition, "Only close and merge requests concern an existing account.");
        }

        if (!account.IsLive)
        {
            throw new ClosureException(ClosureError.AccountNotLive, $"Account {account.Name} is already {account.Status.ToCode()}.");
        }

        if (kind == ClosureKind.Merge && account.IsHub)
        {
            throw new ClosureException(ClosureError.HubCannotBeMerged, $"Account {account.Name} is a hub: others merge into it, it merges into none.");
        }

        return new ClosureRequest(kind, origin, account.UnitId, createdBy, now)
        {
            AccountId = account.Id,
            AccountProvidesServices = account.ProvidesServices,
        };
    }

    private static bool HasRole(ClosureActor actor, Role role) => role switch
    {
        Role.Clerk => actor.IsClerk,
        Role.Reviewer => actor.IsReviewer,
        _ => false,
    };

    private static void RequireRole(ClosureActor actor, Role role, ClosureAction action)
    {
        if (!HasRole(actor, role))
        {
            throw new ClosureException(ClosureError.NotAllowedForRole, $"{actor.UserName} may not {action.ToCode()}: only a {role} may.");
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Limit(string? text, int length)
    {
        var clean = Clean(text);
        return clean is null || clean.Length <= length ? clean : clean[..length];
    }

    private static void RequireLength(string? text, int length)
    {
        if (text is not null && text.Length > length)
        {
            throw new ClosureException(ClosureError.TextTooLong, $"The text has {text.Length} characters; at most {length} are kept.");
        }
    }

    private Transition Find(ClosureAction action, ClosureActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var transition = Transitions.FirstOrDefault(t => t.From == State && t.Action == action && t.Kinds.Contains(Kind))
            ?? throw new ClosureException(
                ClosureError.IllegalTransition,
                $"A {Kind.ToCode()} request in state {State.ToCode()} cannot take the step {action.ToCode()}.");
        RequireRole(actor, transition.Role, action);
        return transition;
    }

    private void Apply(ClosureDetails details)
    {
        var problems = new List<ClosureError>();
        var text = Clean(details.ReasonText);
        var takeover = Clean(details.ServiceTakeover);
        if ((text?.Length ?? 0) > MaxTextLength || (takeover?.Length ?? 0) > MaxTextLength)
        {
            problems.Add(ClosureError.TextTooLong);
        }

        if (problems.Count > 0)
        {
            throw new ClosureException(problems, "The request's texts are too long.");
        }

        reasons = [.. details.Reasons.Distinct().Order()];
        ReasonText = text;
        PlannedLastPostOn = details.PlannedLastPostOn;
        MergeTargetAccountId = Kind == ClosureKind.Merge ? details.MergeTargetAccountId : null;
        if (MergeTarget is not null && MergeTarget.Id != MergeTargetAccountId)
        {
            MergeTarget = null;
        }

        ServiceTakeover = takeover;
    }

    private void Apply(OpeningDetails details, OpeningCheck check)
    {
        var name = Clean(details.ProposedName);
        var text = Clean(details.Justification);
        if ((name?.Length ?? 0) > MaxNameLength || (text?.Length ?? 0) > MaxTextLength)
        {
            throw new ClosureException(ClosureError.TextTooLong, "The request's texts are too long.");
        }

        if (DisplayText.HasHidden(name))
        {
            throw new ClosureException(ClosureError.HiddenCharacters, "The proposed name holds a control or bidirectional formatting character.");
        }

        ProposedPlatform = details.Platform;
        ProposedName = name;
        ReasonText = text;
        BreaksOneAccountPerPlatform = check.BreaksOneAccountPerPlatform;
        ConflictingAccountId = check.ConflictingAccountId;
        BreaksBelowCountyLevel = check.BreaksBelowCountyLevel;
    }

    private void Enter(ClosureAction action, ClosureState? from, ClosureState to, string actor, DateTimeOffset now, string? note, ClosureDeadlines deadlines)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        State = to;
        StateChangedAt = now;
        DueOn = deadlines.DueFor(to, ShanghaiCalendar.DayOf(now), PlannedLastPostOn);
        steps.Add(new ClosureStep
        {
            RequestId = Id,
            Action = action,
            FromState = from,
            ToState = to,
            Actor = actor,
            At = now,
            Note = Limit(note, MaxTextLength),
            DueOn = DueOn,
        });
    }

    private sealed record Transition(ClosureState From, ClosureAction Action, Role Role, ClosureState To, IReadOnlyList<ClosureKind> Kinds);
}
