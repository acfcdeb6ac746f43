using System.Security.Cryptography;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Closures;

/// <summary>
/// 附件: screenshots and PDFs of a request (the notice, the platform's deregistration confirmation). Only PNG, JPEG
/// and PDF up to 10 MB, recognised by their first bytes whatever the name says; kept in the database; handed out
/// only to users who may see the request.
/// </summary>
public static class ClosureAttachments
{
    public sealed record Upload(int RequestId, AttachmentPurpose Purpose, string? FileName, long? DeclaredSize, Stream Content);

    public sealed record Info(long Id, AttachmentPurpose Purpose, string FileName, string ContentType, long SizeBytes, string UploadedBy, DateTimeOffset UploadedAt);


    public sealed class Handler(ClosureWorkflow workflow, IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<long> UploadAsync(Upload upload, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(upload);
            var fileName = FileSignature.CleanFileName(upload.FileName);

            // A size the client declares above the limit is refused before a byte is read.
            if (upload.DeclaredSize is > FileSignature.MaxAttachmentBytes)
            {
                FileSignature.CheckAttachment(fileName, upload.DeclaredSize.Value, []);
            }

            var stored = await workflow.ChangeAsync(upload.RequestId, scope, async change =>
            {
                change.Request.EnsureCanAttach(change.Actor);
                var bytes = await ReadAtMostAsync(upload.Content, FileSignature.MaxAttachmentBytes + 1, cancellationToken);
                var kind = FileSignature.CheckAttachment(fileName, bytes.Length, bytes.AsSpan(0, Math.Min(bytes.Length, FileSignature.HeaderLength)));
                var attachment = new ClosureAttachment
                {
                    RequestId = change.Request.Id,
                    Purpose = upload.Purpose,
                    FileName = fileName,
                    ContentType = FileSignature.ContentTypeOf(kind),
                    SizeBytes = bytes.Length,
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                    UploadedBy = change.Actor.UserName,
                    UploadedAt = change.Now,
                    Content = bytes,
                };
                change.Db.ClosureAttachments.Add(attachment);

                // The hash names the file in the history: the id is not known until the single save.
                ClosureWorkflow.Audit(change, ClosureWorkflow.AuditActionOf(ClosureAction.Attach), new
                {
                    purpose = upload.Purpose.ToCode(),
                    fileName,
                    contentType = attachment.ContentType,
                    sizeBytes = attachment.SizeBytes,
                    sha256 = attachment.Sha256,
                });
                return attachment;
            }, cancellationToken);
            return stored.Id;
        }

        /// <summary>The file, if the user may see its request; otherwise "not found", exactly like a missing one.</summary>
        public async Task<StoredFile> DownloadAsync(int requestId, long attachmentId, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var visible = db.ClosureRequests.VisibleTo(scope).Where(r => r.Id == requestId).Select(r => r.Id);
            return await db.ClosureAttachments.AsNoTracking()
                .Where(a => a.Id == attachmentId && a.RequestId == requestId && visible.Contains(a.RequestId))
                .Select(a => new StoredFile(a.FileName, a.ContentType, a.Content))
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundOrForbiddenException($"Attachment {attachmentId} of request {requestId} was not found.");
        }

        public async Task<IReadOnlyList<Info>> ListAsync(int requestId, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var visible = db.ClosureRequests.VisibleTo(scope).Where(r => r.Id == requestId).Select(r => r.Id);
            return await db.ClosureAttachments.AsNoTracking()
                .Where(a => a.RequestId == requestId && visible.Contains(a.RequestId))
                .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
                .Select(a => new Info(a.Id, a.Purpose, a.FileName, a.ContentType, a.SizeBytes, a.UploadedBy, a.UploadedAt))
                .ToListAsync(cancellationToken);
        }

        /// <summary>Reads up to <paramref name="limit"/> bytes: enough to tell "too large" without swallowing a huge upload.</summary>
        internal static async Task<byte[]> ReadAtMostAsync(Stream content, long limit, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(content);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while (buffer.Length < limit && (read = await content.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}
