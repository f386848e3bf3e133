using System.ComponentModel.DataAnnotations;

namespace FaceAttendance.Web.Data;

/// <summary>The top-level <c>FaceAttendance:DataDir</c> key: where this instance keeps its files.</summary>
public sealed class DataDirOptions
{
    public const string Section = "FaceAttendance";

    /// <summary>Folder for the SQLite file and, with the local store, uploaded snapshots and enrolment photos.</summary>
    [Required]
    public string DataDir { get; set; } = "./data";

    public string DataPath => Path.GetFullPath(DataDir);
}
