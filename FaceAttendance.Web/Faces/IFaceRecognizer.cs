using FaceAttendance.Vision;
using FaceAttendance.Web.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FaceAttendance.Web.Faces;

/// <summary>Face recognition in the app's terms: the local engine (<see cref="LocalFaceRecognizer"/>) or Amazon
/// Rekognition (<see cref="Aws.Engine.RekognitionFaceRecognizer"/>). Images are named by their object-store key, so a
/// cloud engine can read them where they are; <see cref="ImageRef.Content"/> saves a local engine the read when the caller has the bytes.</summary>
public interface IFaceRecognizer
{
    /// <summary>True once <see cref="PrepareAsync"/> has finished and faces can be identified.</summary>
    bool IsReady { get; }

    /// <summary>Gets ready to serve: the local engine loads its index from the database, re-embedding faces whose
    /// model changed; Rekognition makes sure its collection exists and matches the database.</summary>
    Task PrepareAsync(CancellationToken ct);

    /// <summary>Applies the faces enrolled or deleted through any instance since the last call, for an engine that keeps
    /// its own copy of them (the local engine's in-memory index); returns how many changes it applied. Rekognition's
    /// collection is one index for every instance, so it has none to apply.</summary>
    Task<int> CatchUpAsync(CancellationToken ct);

    /// <summary>The face index, for /healthz: how far the local engine's index lags the database; whether Rekognition's
    /// collection exists.</summary>
    Task<HealthCheckResult> CheckIndexHealthAsync(CancellationToken ct);

    /// <summary>Finds who is in a kiosk scan: one snapshot, or a burst of frames of one person a moment apart.</summary>
    /// <param name="scoreLiveness">put the face's passive liveness score on record (local engine only).</param>
    /// <param name="turn">the head turn the kiosk asked for during the burst, to be checked (local engine only).</param>
    Task<Identification> IdentifyAsync(IReadOnlyList<ImageRef> frames, bool scoreLiveness, HeadTurn? turn, CancellationToken ct);

    /// <summary>Judges the face in an enrolment photo by the engine's quality checks and <paramref name="rules"/>, and makes
    /// the template the database keeps for it under <paramref name="faceId"/>. The local engine recognises it only once
    /// <see cref="AddAsync"/> is called after the face's row is committed; Rekognition's collection holds it from here on,
    /// so an enrolment that is not committed must <see cref="ForgetAsync"/> it.</summary>
    Task<Enrolment> EnrolAsync(Guid faceId, ImageRef photo, EnrolmentRules rules, CancellationToken ct);

    /// <summary>Starts recognising an enrolled face whose database row is committed.</summary>
    Task AddAsync(Data.Face face, CancellationToken ct);

    /// <summary>Stops recognising these enrolled faces (their stored templates say where the engine keeps them).</summary>
    Task ForgetAsync(IReadOnlyCollection<Data.Face> faces, CancellationToken ct);
}

/// <summary>An image by its <see cref="Key"/> in the object store, or by its <see cref="Content"/> when the caller has the
/// bytes (an enrolment photo is judged before it is stored, so it has no key yet); both when the caller has both.</summary>
public sealed record ImageRef(string? Key, byte[]? Content = null)
{
    /// <summary>The image's bytes: those the caller already has, or else the store's.</summary>
    public async Task<byte[]> ReadAsync(IObjectStore store, CancellationToken ct) =>
        Content ?? (Key is not null ? await store.ReadAsync(Key, ct) : null) ?? throw new ObjectNotFoundException(Key ?? "(none)");
}

public enum FaceProblemCode { NoFace, MultipleFaces, PoorQuality, BelongsToOther, Mismatch, NotLive, HeadNotTurned, ConsentMissing }

/// <summary>Why a photo cannot be used; <see cref="Reasons"/> lists quality issues for <see cref="FaceProblemCode.PoorQuality"/>;
/// <see cref="Similarity"/> is the face's similarity to the person it was compared with (mismatch, belongs to other);
/// <see cref="Liveness"/> the liveness score of a refused not-live face; <see cref="Turn"/> the head-turn check a burst failed.</summary>
public sealed record FaceProblem(FaceProblemCode Code, string Detail, IReadOnlyList<string> Reasons, FaceQualityReport? Quality = null,
    Guid? OtherPersonId = null, float? Similarity = null, float? Liveness = null, TurnCheck? Turn = null);

public sealed record FaceQualityReport(bool Acceptable, IReadOnlyList<string> Issues, float FaceWidthPx, float Sharpness,
    float Brightness, float YawDegrees, float PitchDegrees, float RollDegrees);

/// <summary>Either a <see cref="Problem"/>, or the best match (<see cref="PersonId"/> null when nobody enrolled matches).
/// <see cref="Liveness"/> is the face's liveness score (0..1) and whether it passes, when the engine measures one;
/// <see cref="Turn"/> the head-turn check, when one was asked; <see cref="Margin"/> how far the best person's similarity
/// leads the second-closest person's, when the engine tells and two or more people are enrolled; <see cref="Template"/>
/// the face's template, for an engine that can add it to the person (learning at the kiosk); <see cref="BestFrame"/> the
/// frame of a burst the face was judged by. A face identified without a problem passed the engine's quality checks.</summary>
public sealed record Identification(FaceProblem? Problem, Guid? PersonId, float Similarity, LivenessResult? Liveness = null, TurnCheck? Turn = null,
    float? Margin = null, FaceTemplate? Template = null, int BestFrame = 0);

/// <summary>Either a <see cref="Problem"/>, or the stored template of the enrolled face; <see cref="Box"/> is where the face
/// judged is in the photo, when the engine tells.</summary>
public sealed record Enrolment(FaceProblem? Problem, FaceQualityReport? Quality, FaceTemplate? Template, PhotoFaceBox? Box = null);

/// <summary>What the database keeps of an enrolled face, and which model made it.</summary>
public sealed record FaceTemplate(byte[] Data, string ModelId);
