using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Approvals;

/// <summary>Whether the signed-in account may change an event of a person at an instant: not when an approval locks
/// that day, unless it may oversee hours (Owner, Admin). What such a change does to the approval is
/// <see cref="LockedPeriodWatch"/>'s business.</summary>
public sealed class PeriodLocks(AttendanceDbContext db, AttendanceCalendar calendar, IAuthorizationService authorization, IHttpContextAccessor http)
{
    /// <returns>403 period-locked, or null when the change may go ahead.</returns>
    public async Task<Refusal?> RefusalAsync(Guid? personId, DateTime at, CancellationToken ct)
    {
        var day = calendar.DayOf(at);
        var approval = await db.PeriodApprovals.AsNoTracking()
            .FirstOrDefaultAsync(a => a.PersonId == personId && a.Start <= day && a.End >= day, ct);
        if (approval is null || http.HttpContext?.User is { } user && (await authorization.AuthorizeAsync(user, Policies.CanOverseeHours)).Succeeded)
        {
            return null;
        }
        return new Refusal(StatusCodes.Status403Forbidden, "period-locked",
            $"{new PayPeriod(approval.Start, approval.End)} is approved and locked; an Owner or Admin can correct it.");
    }
}
