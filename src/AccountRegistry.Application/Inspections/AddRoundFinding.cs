using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// 人工发现: a veto or deduction the data cannot show (a broken menu, commercial ads, likes on unrelated content, an
/// unusable app) on one of the round's accounts, with a screenshot checked like a closure attachment (its bytes must
/// be a PNG, JPEG or PDF, at most 10 MB, never a program). Refused once the round is published.
/// </summary>
public static class AddRoundFinding
{
    public sealed record Command(
        long RoundId, uint ExpectedVersion, int AccountId, ManualFindingKind Kind, ManualFindingItem Item, int Points, string Note, string FileName, Stream Screenshot);

    public sealed record Result(long FindingId, uint Version);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var round = await InspectionRounds.LoadAsync(db, command.RoundId, scope, command.ExpectedVersion, cancellationToken);
            round.EnsureEditable();
            var fileName = FileSignature.CleanFileName(command.FileName);
            var bytes = await ClosureAttachments.Handler.ReadAtMostAsync(command.Screenshot, FileSignature.MaxAttachmentBytes + 1, cancellationToken);
            var kind = FileSignature.CheckAttachment(fileName, bytes.Length, bytes.AsSpan(0, Math.Min(bytes.Length, FileSignature.HeaderLength)));
            var inSample = await db.InspectionRoundAccounts.AnyAsync(a => a.RoundId == round.Id && a.AccountId == command.AccountId, cancellationToken);
            var now = clock.GetUtcNow();
            var finding = round.AddFinding(command.AccountId, inSample, command.Kind, command.Item, command.Points, command.Note,
                new RoundScreenshot(fileName, FileSignature.ContentTypeOf(kind), bytes), scope.UserName, now);
            db.InspectionRoundFindings.Add(finding);

            // The round's row changes too, so that its xmin moves and a concurrent publish conflicts with this finding.
            db.Entry(round).Property(r => r.Title).IsModified = true;
            await InspectionRounds.SaveAsync(db, round, scope, now, "inspection_round.finding_added", new
            {
                account_id = command.AccountId,
                kind = command.Kind.ToCode(),
                item = command.Item.ToCode(),
                points = command.Points,
                note = finding.Note,
                file = fileName,
                bytes = bytes.Length,
            }, cancellationToken);
            return new Result(finding.Id, round.Version);
        }
    }
}
