namespace FaceAttendance.Web.Storage;

/// <summary>Objects as files under DataDir/objects; uploads go to the app's own <c>PUT /uploads/{key}</c>,
/// authorised by a Data Protection token instead of an S3 signature.</summary>
public sealed class LocalObjectStore(string root, UploadTokens tokens) : IObjectStore
{
    /// <summary>The store with its folder made now, at start (later writes never create DataDir itself).</summary>
    public static LocalObjectStore Create(string root, UploadTokens tokens)
    {
        Directory.CreateDirectory(root);
        return new LocalObjectStore(root, tokens);
    }

    public Task<PresignedUpload> PresignUploadAsync(string key, string contentType, long maxBytes, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var token = tokens.Issue(new UploadGrant(key, contentType, maxBytes), expiresAt);
        var url = $"uploads/{key}?token={Uri.EscapeDataString(token)}";
        var headers = new Dictionary<string, string> { ["Content-Type"] = contentType };
        return Task.FromResult(new PresignedUpload(url, "PUT", headers, expiresAt));
    }

    public async Task<bool> TryPutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            return false;
        }
        // the root's own folder is made at start; without it DataDir was deleted, and a new one would hold orphans
        if (!Directory.Exists(Path.GetDirectoryName(root)))
        {
            throw new Http.DataDirMissingException(Path.GetDirectoryName(root)!);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // write beside the target, then move without overwriting: readers never see half a file and a key is written once
        var temporary = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            await File.WriteAllBytesAsync(temporary, content.ToArray(), ct);
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    // PUT /uploads checked the size and type before writing
    public Task<UploadState> CheckUploadAsync(string key, CancellationToken ct) =>
        Task.FromResult(File.Exists(PathOf(key)) ? UploadState.Ready : UploadState.Missing);

    public async Task<byte[]?> ReadAsync(string key, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllBytesAsync(PathOf(key), ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken ct) => Keys(prefix).ToAsyncEnumerable();

    private IEnumerable<string> Keys(string prefix)
    {
        var folder = Path.Combine(root, prefix.TrimEnd('/'));
        if (!Directory.Exists(folder))
        {
            yield break;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            // skips half-written .partial files and anything else this app did not name
            if (ObjectKeys.IsWellFormed(key))
            {
                yield return key;
            }
        }
    }

    public async Task<bool> IsAvailableAsync(CancellationToken ct)
    {
        try
        {
            var probe = Path.Combine(root, $".health-{Guid.NewGuid():N}");
            await File.WriteAllBytesAsync(probe, [], ct);
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // DirectoryNotFoundException too: DataDir was deleted
        }
    }

    // uploads go to the app's own PUT /uploads
    public string? UploadOrigin => null;

    public StoreBucket? Bucket => null;

    private string PathOf(string key) => ObjectKeys.IsWellFormed(key)
        ? Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar))
        : throw new ArgumentException($"'{key}' is not an object key this app issues.", nameof(key));
}
