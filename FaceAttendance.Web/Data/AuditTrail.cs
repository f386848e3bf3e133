using FaceAttendance.Web.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FaceAttendance.Web.Data;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every change an admin makes to people, faces, kiosks, accounts, invitations, API
/// keys, sites, departments and pay rules, in the same save: whichever page or endpoint made it, it cannot be made without its entry,
/// which names the signed-in principal (<see cref="AuditActor"/>). Kiosk scans are not admin actions and are not audited.
/// </summary>
public sealed class AuditTrail(IHttpContextAccessor http, TimeProvider time) : SaveChangesInterceptor
{
    /// <summary>Identity's name for the token row holding an account's recovery codes.</summary>
    private const string RecoveryCodesToken = "RecoveryCodes";

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AttendanceDbContext db && http.HttpContext is { User.Identity.IsAuthenticated: true } context)
        {
            var entries = db.ChangeTracker.Entries().Select(Describe).OfType<(string Action, string Subject, string? Detail)>().ToList();
            db.AuditEntries.AddRange(entries.Select(entry => Entry(context, time, entry.Action, entry.Subject, entry.Detail)));
        }
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        throw new NotSupportedException("The app saves asynchronously.");

    /// <summary>An entry for an action that changes nothing in the database (an export, a download of personal data), or
    /// one the interceptor cannot see; <paramref name="actor"/> when it is not the signed-in principal (a kiosk pairing
    /// itself, an account signing in); <paramref name="context"/> is null when no request made the change (S3's event
    /// deciding a scan).</summary>
    public static AuditEntry Entry(HttpContext? context, TimeProvider time, string action, string? subject, string? detail = null, AuditActor? actor = null)
    {
        var who = actor ?? AuditActor.Of(context);
        return new()
        {
            At = time.GetUtcNow().UtcDateTime,
            Actor = who.Name,
            ActorId = who.Id,
            Address = context?.Connection.RemoteIpAddress?.ToString(),
            Action = action,
            Subject = subject,
            // a long detail (a whole schedule in words) is cut to the column, marked, rather than refused by the database
            Detail = detail?.Length > AuditEntry.MaxDetailLength ? detail[..(AuditEntry.MaxDetailLength - 1)] + "…" : detail,
        };
    }

    /// <summary>The signed-in principal's name as the audit log, corrections and consent records name it.</summary>
    public static string Actor(HttpContext? context) => AuditActor.Of(context).Name;

    /// <summary>Whether the save gives the property a value (not clears it).</summary>
    private static bool IsSet(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, string property) =>
        entry.Property(property) is { IsModified: true, CurrentValue: not null };

    /// <summary>Whether the save changes the property's value: Identity's store marks every property of an account modified.</summary>
    private static bool Changed(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, string property) =>
        entry.Property(property) is { IsModified: true } value && !Equals(value.OriginalValue, value.CurrentValue);

    /// <summary>"name Depot → North depot, time zone UTC → Asia/Tokyo, punch mode Automatic → Buttons": those of the properties the save changes.</summary>
    private static string Changes(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, params string[] properties) =>
        string.Join(", ", properties.Where(p => Changed(entry, p)).Select(p =>
            $"{p switch { nameof(Site.TimeZone) => "time zone", nameof(Site.PunchMode) => "punch mode", nameof(Site.MinimumGap) => "minimum gap", _ => p.ToLowerInvariant() }} " +
            $"{entry.Property(p).OriginalValue} → {entry.Property(p).CurrentValue}"));

    private static string SiteChanges(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        Changes(entry, nameof(Site.Name), nameof(Site.TimeZone), nameof(Site.PunchMode), nameof(Site.MinimumGap));

    private static (string Action, string Subject, string? Detail)? Describe(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        (entry.Entity, entry.State) switch
        {
            (Person person, EntityState.Added) => ("person.created", person.Id.ToString(), $"employee id {person.EmployeeId}"),
            (Person person, EntityState.Deleted) => ("person.erased", person.Id.ToString(), $"employee id {person.EmployeeId}"),
            // never the hash: only that a PIN was given or taken away
            (Person person, EntityState.Modified) when entry.Property(nameof(Person.PinHash)).IsModified =>
                (person.PinHash is null ? "person.pin-removed" : "person.pin-set", person.Id.ToString(), $"employee id {person.EmployeeId}"),
            (Person person, EntityState.Modified) when entry.Property(nameof(Person.ConsentedAt)).IsModified =>
                ("person.consent-recorded", person.Id.ToString(), $"notice version {person.ConsentNoticeVersion}"),
            (Person person, EntityState.Modified) => ("person.updated", person.Id.ToString(),
                "changed " + string.Join(", ", entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name))),
            // a face learned at the kiosk is written where it is learned: S3's event decides a scan without a request
            (Face { LearnedAtKioskId: not null }, EntityState.Added) => null,
            (Face face, EntityState.Added) => ("face.enrolled", face.PersonId.ToString(), $"face {face.Id}"),
            (Face face, EntityState.Deleted) => ("face.removed", face.PersonId.ToString(), $"face {face.Id}"),
            (Kiosk kiosk, EntityState.Added) => ("kiosk.added", kiosk.Id.ToString(), $"{kiosk.Name} ({kiosk.Site}, {kiosk.TimeZone})"),
            (Kiosk kiosk, EntityState.Modified) when IsSet(entry, nameof(Kiosk.RevokedAt)) => ("kiosk.revoked", kiosk.Id.ToString(), kiosk.Name),
            (Kiosk kiosk, EntityState.Modified) when IsSet(entry, nameof(Kiosk.PairingCodeHash)) =>
                ("kiosk.pairing-code-issued", kiosk.Id.ToString(), $"{kiosk.Name}, valid until {kiosk.PairingCodeExpiresAt:u}"),
            (Kiosk kiosk, EntityState.Modified) when new[] { nameof(Kiosk.Name), nameof(Kiosk.Site), nameof(Kiosk.TimeZone) }.Any(p => entry.Property(p).IsModified) =>
                ("kiosk.updated", kiosk.Id.ToString(), $"now {kiosk.Name} ({kiosk.Site}, {kiosk.TimeZone})"),
            (Invitation invitation, EntityState.Added) => ("account.invited", invitation.Id.ToString(), $"{invitation.Email} as {invitation.Role}"),
            (Invitation invitation, EntityState.Modified) when IsSet(entry, nameof(Invitation.RevokedAt)) =>
                ("account.invitation-revoked", invitation.Id.ToString(), invitation.Email),
            (Account account, EntityState.Modified) when Changed(entry, nameof(Account.Role)) =>
                ("account.role-changed", account.Id.ToString(), $"{account.UserName}: {entry.Property(nameof(Account.Role)).OriginalValue} → {account.Role}"),
            (Account account, EntityState.Modified) when Changed(entry, nameof(Account.DisabledAt)) =>
                (account.DisabledAt is null ? "account.enabled" : "account.disabled", account.Id.ToString(), account.UserName),
            // an account's own security, changed while signed in (a reset link writes its own entry: nobody is signed in)
            (Account account, EntityState.Modified) when Changed(entry, nameof(Account.PasswordHash)) => ("account.password-changed", account.Id.ToString(), account.UserName),
            (Account account, EntityState.Modified) when Changed(entry, nameof(Account.TwoFactorEnabled)) =>
                (account.TwoFactorEnabled ? "account.two-step-on" : "account.two-step-off", account.Id.ToString(), account.UserName),
            (Microsoft.AspNetCore.Identity.IdentityUserToken<Guid> token, EntityState.Added or EntityState.Modified) when token.Name == RecoveryCodesToken =>
                ("account.recovery-codes-renewed", token.UserId.ToString(), null),
            (PasswordReset reset, EntityState.Added) => ("account.password-reset-issued", reset.AccountId.ToString(), $"valid until {reset.ExpiresAt:u}"),
            (ApiKey key, EntityState.Added) => ("apikey.created", key.Id.ToString(), $"{key.Name} ({key.Role}), fa_{key.Prefix}_…"),
            (ApiKey key, EntityState.Modified) when IsSet(entry, nameof(ApiKey.RevokedAt)) => ("apikey.revoked", key.Id.ToString(), key.Name),
            (Site site, EntityState.Added) => ("site.created", site.Id.ToString(), $"{site.Name} ({site.TimeZone})"),
            (Site site, EntityState.Modified) when SiteChanges(entry) is { Length: > 0 } changes =>
                (Changed(entry, nameof(Site.Name)) ? "site.renamed" : Changed(entry, nameof(Site.TimeZone)) ? "site.time-zone-changed" : "site.punching-changed",
                    site.Id.ToString(), changes),
            (Site site, EntityState.Modified) when Changed(entry, nameof(Site.PinsDisabled)) =>
                (site.PinsDisabled ? "site.pins-off" : "site.pins-on", site.Id.ToString(), site.Name),
            (Site site, EntityState.Deleted) => ("site.deleted", site.Id.ToString(), site.Name),
            (Department department, EntityState.Added) => ("department.created", department.Id.ToString(), department.Name),
            (Department department, EntityState.Modified) when Changed(entry, nameof(Department.Name)) =>
                ("department.renamed", department.Id.ToString(), Changes(entry, nameof(Department.Name))),
            (Department department, EntityState.Deleted) => ("department.deleted", department.Id.ToString(), department.Name),
            (PayRuleSet rules, EntityState.Added or EntityState.Modified) => ("pay-rules.set", rules.Scope, Hours.HoursBook.Rules(rules, rules.Scope).Describe()),
            (PayRuleSet rules, EntityState.Deleted) => ("pay-rules.removed", rules.Scope, null),
            // pairing itself is written where it happens (the device has no admin session; a script's token is issued by one)
            _ => null,
        };
}
