namespace FaceAttendance.Web.Data;

/// <summary>A place people work at: kiosks belong to one, a person has a home site, an event carries the site it was
/// recorded at. Deleted only while nothing names it.</summary>
public sealed class Site
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }

    /// <summary>IANA time zone of the site; a kiosk added to it without a zone of its own takes this one.</summary>
    public required string TimeZone { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>What a recognised face records at this site's kiosks (<see cref="Attendance.Punches"/>).</summary>
    public PunchMode PunchMode { get; set; } = PunchMode.Automatic;

    /// <summary>In <see cref="PunchMode.Automatic"/>, how long after a check-in another scan (at any kiosk) answers
    /// "Already checked in" and offers "Check out now" instead of checking out.</summary>
    public TimeSpan MinimumGap { get; set; } = Attendance.Punches.DefaultMinimumGap;

    /// <summary>An admin turned PIN entry off here: the site's kiosks hide "Use PIN" and refuse a PIN.</summary>
    public bool PinsDisabled { get; set; }
}

/// <summary>Automatic: in and out alternate. Buttons: the kiosk asks In, Out, Break start or Break end.</summary>
public enum PunchMode { Automatic, Buttons }

/// <summary>A part of the company a person belongs to, across sites. Deleted only while nothing names it.</summary>
public sealed class Department
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A site a Manager account covers (see <see cref="Sites.AccessScope"/>).</summary>
public sealed class ManagerSite
{
    public Guid AccountId { get; set; }
    public Guid SiteId { get; set; }
}

/// <summary>A department a Manager account covers (see <see cref="Sites.AccessScope"/>).</summary>
public sealed class ManagerDepartment
{
    public Guid AccountId { get; set; }
    public Guid DepartmentId { get; set; }
}
