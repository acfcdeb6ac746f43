using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Filings;

/// <summary>Why a filing change was refused; the page shows each in Chinese (FilingError.* in the resources).</summary>
public enum FilingError
{
    /// <summary>Someone changed the account after the reviewer loaded it: nothing was saved.</summary>
    Conflict,
    DayWithoutNumber,
    BeforeOpening,
    InFuture,
    TooLong,

    /// <summary>A correction taken from the provincial export needs the reviewer's reason.</summary>
    ReasonRequired,
}

public sealed class FilingException : Exception
{
    public FilingException(FilingError code)
        : base($"The filing change was refused: {code}.") => Code = code;

    public FilingException()
        : this(FilingError.Conflict)
    {
    }

    public FilingException(string message)
        : base(message)
    {
    }

    public FilingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FilingError Code { get; }
}

/// <summary>
/// 备案登记: a reviewer sets or corrects an account's filing number and day, by hand on the account page or by
/// taking the province's number from the reconcile page (with a reason). Audited with the values before and after;
/// saved against the account's xmin as the reviewer saw it, so a concurrent change is never overwritten.
/// </summary>
public static class RecordFiling
{
    public const int MaxFilingNoLength = 64;

    public enum Source
    {
        /// <summary>Typed on the account page.</summary>
        Manual,

        /// <summary>Taken from the provincial export on the reconcile page.</summary>
        Reconcile,
    }

    public sealed record Command(int AccountId, string? FilingNo, DateOnly? FiledOn, uint ExpectedVersion, Source From = Source.Manual, string? Reason = null);

    public sealed record Outcome(uint Version);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<Outcome> HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(scope);
            if (!scope.Meets(Policies.District))
            {
                throw new UnauthorizedAccessException("Only administrators and reviewers may change the filing register.");
            }

            var number = string.IsNullOrWhiteSpace(command.FilingNo) ? null : command.FilingNo.Trim();
            var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
            if (command.From == Source.Reconcile && reason is null)
            {
                throw new FilingException(FilingError.ReasonRequired);
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var account = await db.Accounts.VisibleTo(scope).Include(a => a.Unit).FirstOrDefaultAsync(a => a.Id == command.AccountId, cancellationToken)
                ?? throw new NotFoundOrForbiddenException($"Account {command.AccountId} was not found.");
            if (account.Version != command.ExpectedVersion)
            {
                throw new FilingException(FilingError.Conflict);
            }

            var now = clock.GetUtcNow();
            var error = number switch
            {
                { Length: > MaxFilingNoLength } => FilingError.TooLong,
                null when command.FiledOn is not null => FilingError.DayWithoutNumber,
                _ when command.FiledOn < account.OpenedOn => FilingError.BeforeOpening,
                _ when command.FiledOn > ShanghaiCalendar.DayOf(now) => FilingError.InFuture,
                _ => (FilingError?)null,
            };
            if (error is { } refused)
            {
                throw new FilingException(refused);
            }

            var before = new { filing_no = account.FilingNo, filed_on = account.FiledOn };
            account.RecordFiling(number, command.FiledOn);
            db.Entry(account).Property(a => a.Version).OriginalValue = command.ExpectedVersion;
            AuditLog.Append(db, now, scope.UserName, command.From == Source.Reconcile ? "account.filing_corrected" : "account.filing_recorded",
                "account", account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), account.UnitId,
                summary: $"{account.Name}: filing_no {before.filing_no ?? "-"} → {number ?? "-"}, filed_on {before.filed_on?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} → {command.FiledOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}",
                details: new { before, after = new { filing_no = number, filed_on = command.FiledOn }, source = command.From.ToString().ToLowerInvariant(), reason });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new FilingException(FilingError.Conflict);
            }

            return new Outcome(account.Version);
        }
    }
}
