namespace FaceAttendance.Vision;

/// <summary>Why an upload was refused before any face work started.</summary>
public enum ImageRejection
{
    Empty,
    /// <summary>More encoded bytes than <see cref="FaceEngineOptions.MaxImageBytes"/>.</summary>
    TooLarge,
    /// <summary>Header declares more pixels than <see cref="FaceEngineOptions.MaxImagePixels"/>.</summary>
    TooManyPixels,
    /// <summary>Not a JPEG, PNG or WebP, or damaged/truncated data.</summary>
    Undecodable,
}

/// <summary>Thrown by <see cref="ImageDecoder"/> for input that is refused; the message is safe to show a user.</summary>
public sealed class ImageRejectedException(ImageRejection reason, string message) : Exception(message)
{
    public ImageRejection Reason { get; } = reason;
}
