using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Identity;

namespace FaceAttendance.Web.Pins;

/// <summary>
/// A person's kiosk PIN: 4 to 8 digits, not one anybody would try first, kept only as ASP.NET Core Identity's salted
/// PBKDF2 hash (the one account passwords use), so a copy of the database does not hand out PINs. With so few digits the
/// hash alone would not stop guessing: the kiosk's lockout (<see cref="PinThrottle"/>) does.
/// </summary>
public static class PersonPin
{
    public const int MinDigits = 4;
    public const int MaxDigits = 8;

    private static readonly PasswordHasher<Person> Hasher = new();

    /// <summary>Why <paramref name="pin"/> cannot be a PIN, as one sentence for the admin; null when it can.</summary>
    public static Refusal? Refusal(string? pin)
    {
        if (pin is null || pin.Length is < MinDigits or > MaxDigits || !pin.All(char.IsAsciiDigit))
        {
            return new(StatusCodes.Status400BadRequest, "pin-invalid", $"A PIN is {MinDigits} to {MaxDigits} digits, nothing else.");
        }
        return IsGuessable(pin)
            ? new(StatusCodes.Status400BadRequest, "pin-guessable",
                "That PIN is one of the first anybody would try (one digit repeated, or digits counting up or down); choose another.")
            : null;
    }

    public static void Set(Person person, string pin) => person.PinHash = Hasher.HashPassword(person, pin);

    public static bool Matches(Person person, string pin) =>
        person.PinHash is { } hash && Hasher.VerifyHashedPassword(person, hash, pin) != PasswordVerificationResult.Failed;

    /// <summary>0000, 1111, 1234, 4321, 2468… : the same step between every two digits (repeats, runs, even numbers).</summary>
    private static bool IsGuessable(string pin)
    {
        var step = pin[1] - pin[0];
        return Enumerable.Range(1, pin.Length - 1).All(i => pin[i] - pin[i - 1] == step);
    }
}
