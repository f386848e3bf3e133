namespace FaceAttendance.Web.Storage;

/// <summary>Where snapshots and enrolment photos live: a folder under DataDir (<see cref="LocalObjectStore"/>)
/// or an S3 bucket (<see cref="Aws.S3.S3ObjectStore"/>). Keys are '/'-separated, chosen by the server (<see cref="ObjectKeys"/>).</summary>
public interface IObjectStore
{
    /// <summary>Lets a client upload one object of <paramref name="contentType"/>, at most <paramref name="maxBytes"/>,
    /// to <paramref name="key"/> until <paramref name="expiresAt"/>, without going through the app's handlers.</summary>
    Task<PresignedUpload> PresignUploadAsync(string key, string contentType, long maxBytes, DateTimeOffset expiresAt, CancellationToken ct);

    /// <summary>Stores <paramref name="content"/> unless the key already holds an object (keys are written once).</summary>
    /// <returns>false when the key was already taken.</returns>
    Task<bool> TryPutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>
    /// Whether a client's upload to <paramref name="key"/> arrived and may be used. A store that cannot enforce the size
    /// and type at upload time (an S3-compatible server that ignores the POST policy) checks them here and deletes an object that breaks them.
    /// </summary>
    Task<UploadState> CheckUploadAsync(string key, CancellationToken ct);

    /// <returns>The object's bytes, or null when there is no such key.</returns>
    Task<byte[]?> ReadAsync(string key, CancellationToken ct);

    Task DeleteAsync(string key, CancellationToken ct);

    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken ct);

    /// <summary>Whether the store can be written now (for /healthz).</summary>
    Task<bool> IsAvailableAsync(CancellationToken ct);

    /// <summary>Where browsers send uploads when that is not the app itself, as a Content-Security-Policy source
    /// (<c>https://*.amazonaws.com</c>); null when they upload to the app.</summary>
    string? UploadOrigin { get; }

    /// <summary>The S3 bucket and prefix the objects lie under, for what names objects by bucket and key (S3's event
    /// notifications, Rekognition's S3Object); null when the store is not an S3 bucket.</summary>
    StoreBucket? Bucket { get; }
}

/// <summary>An S3 bucket holding a store's objects: the app key <c>k</c> is the S3 key <see cref="Prefix"/> + <c>k</c>.</summary>
public sealed record StoreBucket(string Name, string Prefix)
{
    public string S3KeyOf(string key) => Prefix + key;

    /// <summary>The app key an S3 location names, or null when it lies outside this bucket and prefix.</summary>
    public string? KeyAt(string bucket, string s3Key) =>
        bucket == Name && s3Key.StartsWith(Prefix, StringComparison.Ordinal) ? s3Key[Prefix.Length..] : null;
}

public enum UploadState { Missing, Ready, TooLarge, WrongType }

/// <summary>How a client uploads: send <see cref="Method"/> to <see cref="Url"/> with <see cref="Headers"/>; the body is the
/// file itself, or with <see cref="Fields"/> (an S3 POST policy) a multipart form of those fields then the file as <c>file</c>.
/// A relative URL is relative to the app's base address.</summary>
public sealed record PresignedUpload(
    string Url, string Method, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt, IReadOnlyDictionary<string, string>? Fields = null);

/// <summary>A key that the caller expected to exist does not.</summary>
public sealed class ObjectNotFoundException(string key) : Exception($"No uploaded object has the key '{key}'.")
{
    public string Key { get; } = key;
}
