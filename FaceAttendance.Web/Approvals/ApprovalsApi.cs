using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FaceAttendance.Web.Approvals;

/// <summary><see cref="Day"/>: any local day of the period (today when left out); <see cref="PersonId"/>: one person,
/// or everyone the account covers when left out.</summary>
public sealed record ApproveRequest(DateOnly? Day, Guid? PersonId);
public sealed record ReopenRequest(DateOnly? Day, Guid PersonId, string? Reason);
public sealed record PayPeriodRequest(PayPeriodKind Kind, DateOnly Anchor);
public sealed record PayPeriodResponse(PayPeriodKind Kind, DateOnly Anchor, DateOnly CurrentStart, DateOnly CurrentEnd);

/// <summary>Pay periods and their approval (<see cref="PeriodApprovals"/>): every account reads them; Managers, Admins
/// and Owners approve; only Owners and Admins reopen an approved period or change the pay period.</summary>
internal static class ApprovalsApi
{
    public static RouteGroupBuilder MapApprovalsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").RequireAuthorization(Policies.CanReadTimesheets).WithTags("Approvals")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/approvals", List).WithDescription("Each person's approval of the pay period containing ?day (today when left out).");
        group.MapPost("/approvals", Approve).RequireAuthorization(Policies.CanApproveHours)
            .WithDescription("Approves and locks a person's pay period, or everyone's the account covers when personId is left out.");
        group.MapPost("/approvals/reopen", Reopen).RequireAuthorization(Policies.CanOverseeHours)
            .WithDescription("Unlocks a person's approved pay period, with the reason (audited).");
        group.MapGet("/pay-period", GetPayPeriod);
        group.MapPut("/pay-period", SetPayPeriod).RequireAuthorization(Policies.CanOverseeHours)
            .WithDescription("Weekly or Biweekly from the anchor day, SemiMonthly (1st–15th, 16th–end) or Monthly.");
        return group;
    }

    public static async Task<Ok<PeriodApprovalsResponse>> List(DateOnly? day, PeriodApprovals approvals, CancellationToken ct) =>
        TypedResults.Ok(await approvals.ListAsync(day, ct));

    public static async Task<Results<Ok<PeriodApprovalsResponse>, ProblemHttpResult>> Approve(ApproveRequest request, PeriodApprovals approvals, CancellationToken ct) =>
        await approvals.ApproveAsync(request.Day, request.PersonId, ct) is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Ok(await approvals.ListAsync(request.Day, ct));

    public static async Task<Results<Ok<PeriodApprovalsResponse>, ProblemHttpResult>> Reopen(ReopenRequest request, PeriodApprovals approvals, CancellationToken ct) =>
        await approvals.ReopenAsync(request.Day, request.PersonId, request.Reason, ct) is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Ok(await approvals.ListAsync(request.Day, ct));

    public static async Task<Ok<PayPeriodResponse>> GetPayPeriod(PeriodApprovals approvals, CancellationToken ct)
    {
        var setting = await approvals.SettingAsync(ct);
        var current = await approvals.PeriodAsync(null, ct);
        return TypedResults.Ok(new PayPeriodResponse(setting.Kind, setting.Anchor, current.Start, current.End));
    }

    public static async Task<Results<Ok<PayPeriodResponse>, ProblemHttpResult>> SetPayPeriod(PayPeriodRequest request, PeriodApprovals approvals, CancellationToken ct)
    {
        if (!Enum.IsDefined(request.Kind))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "unknown-pay-period", "The kind must be Weekly, Biweekly, SemiMonthly or Monthly.");
        }
        await approvals.SetPayPeriodAsync(request.Kind, request.Anchor, ct);
        var current = await approvals.PeriodAsync(null, ct);
        return TypedResults.Ok(new PayPeriodResponse(request.Kind, request.Anchor, current.Start, current.End));
    }
}
