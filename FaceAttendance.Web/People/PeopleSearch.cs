using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.People;

internal static class PeopleSearch
{
    /// <summary>People whose name, employee id or email contains <paramref name="search"/>, ignoring case on every
    /// provider (SQLite's LIKE ignores ASCII case, PostgreSQL's does not, so both sides are lower-cased).</summary>
    public static IQueryable<Person> Matching(this IQueryable<Person> people, string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return people;
        }
        var pattern = $"%{search.Trim().ToLowerInvariant()}%";
        return people.Where(p => EF.Functions.Like(p.Name.ToLower(), pattern) || EF.Functions.Like(p.EmployeeId.ToLower(), pattern)
            || (p.Email != null && EF.Functions.Like(p.Email.ToLower(), pattern)));
    }
}
