using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Http;

/// <summary>One page of a listing; <see cref="Total"/> counts every item that matched.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>Page <paramref name="page"/> (from 1) of the query; out-of-range numbers are clamped rather than refused.</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, int? page, int? pageSize, CancellationToken ct)
    {
        var number = Math.Max(1, page ?? 1);
        var size = Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize);
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new Page<T>(items, number, size, await query.CountAsync(ct));
    }
}
