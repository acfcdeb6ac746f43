using AccountRegistry.Application.Common;
using AccountRegistry.Infrastructure.Identity;

namespace AccountRegistry.Application.Imports;

/// <summary>
/// 导入数据: imports units, accounts, posts, reads and interactions files (.csv or .xlsx), always in that order because each refers
/// to the one before. Used by `registry import DIR` and by the upload page, so both validate and store alike.
/// Each file is its own transaction: an invalid file stores nothing, and the others still go in.
/// </summary>
public static class ImportFiles
{
    /// <param name="Path">Where the file is on disk.</param>
    /// <param name="Name">The name that decides its kind (units.csv, posts.xlsx …) and labels its errors.</param>
    public sealed record InputFile(string Path, string Name);

    public sealed record Command(IReadOnlyList<InputFile> Files);

    /// <param name="Files">One result per imported file, in import order.</param>
    /// <param name="Problems">Files that were not imported at all: unknown name, two files of one kind.</param>
    public sealed record Result(IReadOnlyList<FileImportResult> Files, IReadOnlyList<ImportError> Problems)
    {
        public bool Succeeded => Problems.Count == 0 && Files.All(f => f.Accepted);
    }

    /// <summary>The import files of a folder (top level only), by their names.</summary>
    public static Command FromDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var files = Directory.EnumerateFiles(directory)
            .Where(f => ImportKinds.TryFromFileName(f, out _, out _))
            .Order(StringComparer.Ordinal)
            .Select(f => new InputFile(f, Path.GetFileName(f)))
            .ToList();
        return new Command(files);
    }

    public sealed class Handler(ImportEngine engine)
    {
        public async Task<Result> HandleAsync(
            Command command,
            UserScope scope,
            IProgress<ImportProgress>? progress = null,
            CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(scope);
            if (!scope.Meets(Policies.District))
            {
                throw new UnauthorizedAccessException("Only administrators and reviewers may import data.");
            }

            var problems = new List<ImportError>();
            var planned = new List<(ImportKind Kind, ImportFileFormat Format, InputFile File)>();
            foreach (var file in command.Files)
            {
                if (!ImportKinds.TryFromFileName(file.Name, out var kind, out var format))
                {
                    problems.Add(new ImportError(file.Name, 0, ImportError.WholeRecord, null, ImportErrorCode.UnreadableFile,
                        "not an import file: the names are units, accounts, posts, reads and interactions, as .csv or .xlsx.",
                        "units, accounts, posts, reads, interactions (.csv, .xlsx)"));
                    continue;
                }

                planned.Add((kind, format, file));
            }

            foreach (var clash in planned.GroupBy(p => p.Kind).Where(g => g.Count() > 1))
            {
                var names = string.Join(" and ", clash.Select(c => c.File.Name));
                problems.Add(new ImportError(names, 0, ImportError.WholeRecord, null, ImportErrorCode.UnreadableFile,
                    $"{names} are both {clash.Key.FileStem()} files: keep one, so it is clear which to import.", names));
            }

            var results = new List<FileImportResult>();
            foreach (var (kind, format, file) in planned.Where(p => planned.Count(q => q.Kind == p.Kind) == 1).OrderBy(p => p.Kind))
            {
                results.Add(await engine.ImportFileAsync(file.Path, file.Name, kind, format, scope.UserName, progress, cancellationToken));
            }

            return new Result(results, problems);
        }
    }
}
