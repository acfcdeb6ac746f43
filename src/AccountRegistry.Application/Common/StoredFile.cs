namespace AccountRegistry.Application.Common;

/// <summary>An uploaded file as stored (a closure attachment, a rectification's evidence), ready to be downloaded.</summary>
public sealed record StoredFile(string FileName, string ContentType, byte[] Content);
