using FaceAttendance.Vision;
using FaceAttendance.Web.Http;

namespace FaceAttendance.Web.Attendance;

/// <summary>
/// The head turn a scan must show with <c>Kiosk:Liveness=Challenge</c>. Online the server chooses it: it is read from the
/// random bits of the burst's first key, which only the server issues (the upload URL binds it; the other frames' keys
/// are the first's, numbered, and are posted in order), so it needs no storage. A kiosk can still ask for bursts until
/// one wants the turn it has (half the time, the first); that helps only a replayed video of one turn, which the
/// challenge does not claim to stop. A scan kept offline carries the turn its kiosk chose, signed with the capture.
/// </summary>
public static class KioskChallenge
{
    public static HeadTurn TurnOf(string key) =>
        Convert.ToInt32(Path.GetFileNameWithoutExtension(key)[^1].ToString(), 16) % 2 == 0 ? HeadTurn.Left : HeadTurn.Right;

    public static string Name(HeadTurn turn) => turn == HeadTurn.Left ? "left" : "right";

    public static bool TryParse(string? text, out HeadTurn turn)
    {
        (var known, turn) = text switch
        {
            "left" => (true, HeadTurn.Left),
            "right" => (true, HeadTurn.Right),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>The turn <paramref name="scan"/> was asked for, or why it cannot show one.</summary>
    public static (HeadTurn? Turn, Refusal? Refusal) Asked(Scan scan) => scan switch
    {
        Scan.Uploaded uploaded => (TurnOf(uploaded.Key), null),
        Scan.Posted { Capture.Turn: { } turn } => (turn, null),
        _ => (null, new Refusal(StatusCodes.Status422UnprocessableEntity, "turn-not-asked",
            "With Kiosk:Liveness=Challenge a scan is a burst uploaded through POST /presign, which says which way to turn (or, offline, a " +
            "capture signed with the turn its kiosk asked for); this one was not asked for a turn and is not recorded.")),
    };
}
