using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaceAttendance.Web.Pages.Admin.ApiKeys;

/// <summary>The Owner's API keys (<see cref="ApiKeysApi"/>): each with its role and last use, a form that makes one and
/// shows it once (in the answer to the POST, never stored or redirected with), and revoking one after a confirmation.</summary>
public sealed class IndexModel(AttendanceDbContext db, TimeProvider time) : PageModel
{
    private const string MessageKey = "ApiKeyMessage";

    [BindProperty]
    public ApiKeyInput Input { get; set; } = new();

    public IReadOnlyList<ApiKeyResponse> Keys { get; private set; } = [];

    /// <summary>The key just made, shown this once.</summary>
    public CreatedApiKey? Created { get; private set; }

    public string? Message => TempData[MessageKey] as string;

    public async Task OnGetAsync(CancellationToken ct) => Keys = (await ApiKeysApi.List(db, ct)).Value!;

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await ApiKeysApi.Create(new ApiKeyRequest(Input.Name, Input.Role), HttpContext, db, time, ct);
            if (result.Result is Created<CreatedApiKey> created)
            {
                Created = created.Value;
                Input = new ApiKeyInput();
                ModelState.Clear();
            }
            else if (result.Result is ProblemHttpResult problem)
            {
                ModelState.AddModelError("Input.Role", problem.ProblemDetails.Detail!);
            }
        }
        await OnGetAsync(ct);
        return Page();
    }

    /// <param name="confirm">the "yes, revoke it" checkbox: the integration stops working at once, so it is never one click.</param>
    public async Task<IActionResult> OnPostRevokeAsync(Guid id, bool confirm, CancellationToken ct)
    {
        if (!confirm)
        {
            ModelState.Clear(); // the make-a-key form was bound too, empty: its errors are not this form's
            ModelState.AddModelError("confirm", "Tick the box to confirm that the key should be revoked.");
            await OnGetAsync(ct);
            return Page();
        }
        if ((await ApiKeysApi.Revoke(id, db, time, ct)).Result is ProblemHttpResult)
        {
            return NotFound();
        }
        TempData[MessageKey] = "The key was revoked: requests with it are refused from now on.";
        return RedirectToPage();
    }

    public sealed class ApiKeyInput
    {
        [Required(ErrorMessage = "Name the key after the integration that will use it.")]
        [StringLength(ApiKey.MaxNameLength), PlainText, RegularExpression(PeopleApi.NotBlank, ErrorMessage = PeopleApi.BlankMessage)]
        public string Name { get; set; } = "";

        [Required]
        public string Role { get; set; } = Roles.Viewer;
    }
}
