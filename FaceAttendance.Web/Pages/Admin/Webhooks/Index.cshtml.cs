using FaceAttendance.Web.Data;
using FaceAttendance.Web.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaceAttendance.Web.Pages.Admin.Webhooks;

/// <summary>Webhooks (<see cref="WebhooksApi"/>, whose handlers it calls): register one (its secret shown once, in the
/// answer to the POST), rotate a secret, send a test event, delete one, and each webhook's delivery log.</summary>
public sealed class IndexModel(AttendanceDbContext db, WebhookSecrets secrets, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? WebhookUrl { get; set; }

    [BindProperty]
    public List<string> Events { get; set; } = [];

    /// <summary>The webhook whose deliveries are shown; the first when left out.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    public IReadOnlyList<WebhookResponse> Webhooks { get; private set; } = [];
    public IReadOnlyList<DeliveryResponse> Deliveries { get; private set; } = [];

    /// <summary>A secret just made or rotated, shown this once.</summary>
    public WebhookSecretResponse? Secret { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var result = await WebhooksApi.Create(new WebhookRequest(WebhookUrl, [.. Events]), db, secrets, HttpContext, time, ct);
        if (result.Result is Created<WebhookSecretResponse> created)
        {
            (Secret, Id, WebhookUrl, Events) = (created.Value, created.Value!.Id, null, []);
        }
        return await AnswerAsync(result.Result, ct);
    }

    public async Task<IActionResult> OnPostSecretAsync(Guid webhookId, CancellationToken ct)
    {
        var result = await WebhooksApi.RotateSecret(webhookId, db, secrets, HttpContext, time, ct);
        Secret = (result.Result as Ok<WebhookSecretResponse>)?.Value;
        return await AnswerAsync(result.Result, ct);
    }

    public async Task<IActionResult> OnPostTestAsync(Guid webhookId, CancellationToken ct)
    {
        var result = await WebhooksApi.SendTest(webhookId, db, HttpContext, time, ct);
        (Id, Message) = (webhookId, "Test event queued: it shows below once sent.");
        return await AnswerAsync(result.Result, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid webhookId, CancellationToken ct)
    {
        var result = await WebhooksApi.Delete(webhookId, db, HttpContext, time, ct);
        (Id, Message) = (null, "Webhook deleted.");
        return await AnswerAsync(result.Result, ct);
    }

    private async Task<IActionResult> AnswerAsync(IResult result, CancellationToken ct)
    {
        if (result is ProblemHttpResult problem)
        {
            ModelState.AddModelError(string.Empty, problem.ProblemDetails.Detail ?? "The request was refused.");
            Message = null;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Webhooks = (await WebhooksApi.List(db, ct)).Value!;
        Id ??= Webhooks.FirstOrDefault()?.Id;
        Deliveries = Id is { } id && (await WebhooksApi.Deliveries(id, db, ct)).Result is Ok<List<DeliveryResponse>> log ? log.Value! : [];
    }
}
