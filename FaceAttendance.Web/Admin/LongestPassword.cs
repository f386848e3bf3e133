using Microsoft.AspNetCore.Identity;

namespace FaceAttendance.Web.Admin;

/// <summary>Identity's options set no upper bound: a 100,000-character password would be hashed (and stored for every
/// sign-in to hash again). Every way a password is set (invitation, reset link, own password) runs Identity's validators.</summary>
internal sealed class LongestPassword : IPasswordValidator<Account>
{
    public const int MaxLength = 200;

    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password) =>
        Task.FromResult(password is { Length: > MaxLength }
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"The password must have at most {MaxLength} characters." })
            : IdentityResult.Success);
}
