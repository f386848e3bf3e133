using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Sites;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin.People;

public sealed class CreateModel(AttendanceDbContext db, AccessScope scope, ConsentOptions consent, TimeProvider time) : PageModel
{
    public SiteChoices Places { get; private set; } = new([], []);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Places = await SiteChoices.ListAsync(db, Input.HomeSiteId, Input.DepartmentId, cancellationToken);

    [BindProperty]
    public PersonInput Input { get; set; } = new();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && await scope.PlacementRefusalAsync(Input.HomeSiteId, Input.DepartmentId, cancellationToken) is { } refusal)
        {
            ModelState.AddModelError("Input.HomeSiteId", refusal.Detail);
        }
        if (!ModelState.IsValid)
        {
            await OnGetAsync(cancellationToken);
            return Page();
        }
        var person = PeopleApi.NewPerson(Input.EmployeeId, Input.Name, Input.Email, time);
        (person.HomeSiteId, person.DepartmentId) = (Input.HomeSiteId, Input.DepartmentId);
        if (Input.Consent)
        {
            PeopleApi.StampConsent(person, HttpContext, consent, time);
        }
        db.People.Add(person);
        if (!await db.SaveUnlessDuplicateAsync(cancellationToken))
        {
            ModelState.AddModelError("Input.EmployeeId", "Someone already has this employee id.");
            await OnGetAsync(cancellationToken);
            return Page();
        }
        // straight on to enrolling faces, which is what comes next for a new person
        return RedirectToPage("Details", new { id = person.Id });
    }

    public sealed class PersonInput
    {
        [Required(ErrorMessage = "Enter the employee id.")]
        [StringLength(64), PlainText]
        [Display(Name = "Employee id")]
        public string EmployeeId { get; set; } = "";

        [Required(ErrorMessage = "Enter the person's name.")]
        [StringLength(200), PlainText]
        public string Name { get; set; } = "";

        [EmailAddress(ErrorMessage = "That is not an e-mail address.")]
        [StringLength(320)]
        [Display(Name = "E-mail (optional)")]
        public string? Email { get; set; }

        public bool Consent { get; set; }

        [Display(Name = "Home site")]
        public Guid? HomeSiteId { get; set; }

        [Display(Name = "Department")]
        public Guid? DepartmentId { get; set; }
    }

    public string NoticeVersion => consent.NoticeVersion;
}
