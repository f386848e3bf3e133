using System.Security.Cryptography;

namespace FaceAttendance.Cli.EnrolFolder;

/// <summary>
/// Enrols staff folders through the admin API, one output line per person and per file: the person is found by
/// employee id or created, and each photo not already among their enrolled ones (same bytes) is posted as a new face,
/// so a second run only sends what the first did not get in.
/// </summary>
internal sealed class FolderEnrolment(AdminApiClient api, TextWriter output)
{
    private static readonly string PhotoTypes = string.Join('/', PhotoFiles.Extensions);
    private int _created, _found, _enrolled, _alreadyEnrolled, _refused, _skipped;

    public int Refused => _refused;

    public async Task EnrolAsync(IReadOnlyList<StaffFolder> folders, CancellationToken ct)
    {
        foreach (var folder in folders)
        {
            if (await FindOrCreateAsync(folder, ct) is { } person)
            {
                await EnrolPhotosAsync(folder, person, ct);
            }
            foreach (var file in folder.OtherFiles)
            {
                output.WriteLine($"{folder.FolderName}/{Path.GetFileName(file)}: skipped, not a {PhotoTypes} file");
                _skipped++;
            }
        }
        output.WriteLine($"{_created + _found} people ({_created} created, {_found} found); {_enrolled + _alreadyEnrolled + _refused} photos: "
            + $"{_enrolled} enrolled, {_alreadyEnrolled} already enrolled, {_refused} refused; {_skipped} other files skipped");
    }

    private async Task<Person?> FindOrCreateAsync(StaffFolder folder, CancellationToken ct)
    {
        var wanted = folder.Person;
        if (await api.FindByEmployeeIdAsync(wanted.EmployeeId, ct) is { } existing)
        {
            output.WriteLine($"{folder.FolderName}: found {existing.EmployeeId} ({existing.Name}) with {existing.FaceCount} faces");
            _found++;
            return existing;
        }
        var (created, problem) = await api.CreateAsync(wanted, ct);
        if (problem is not null)
        {
            // its photos have nobody to go to: they count as refused so the exit code says the run is incomplete
            output.WriteLine($"{folder.FolderName}: person {wanted.EmployeeId} refused {problem.Describe()}; {folder.Photos.Count} photos not sent");
            _refused += folder.Photos.Count;
            return null;
        }
        output.WriteLine($"{folder.FolderName}: created {created!.EmployeeId} ({created.Name})");
        _created++;
        return created;
    }

    private async Task EnrolPhotosAsync(StaffFolder folder, Person person, CancellationToken ct)
    {
        var enrolledPhotos = person.FaceCount == 0 ? [] : await EnrolledPhotoHashesAsync(person.Id, ct);
        foreach (var path in folder.Photos)
        {
            var name = $"{folder.FolderName}/{Path.GetFileName(path)}";
            var photo = await File.ReadAllBytesAsync(path, ct);
            var hash = Hash(photo);
            if (enrolledPhotos.Contains(hash))
            {
                output.WriteLine($"{name}: already enrolled");
                _alreadyEnrolled++;
                continue;
            }
            var (face, problem) = await api.EnrolAsync(person.Id, Path.GetFileName(path), photo, ct);
            if (problem is not null)
            {
                output.WriteLine($"{name}: refused {problem.Describe()}");
                _refused++;
                continue;
            }
            output.WriteLine($"{name}: enrolled as face {face!.FaceId}");
            enrolledPhotos.Add(hash);
            _enrolled++;
        }
    }

    /// <summary>The app keeps each face's photo as it was sent, so equal bytes mean the photo is already a face.</summary>
    private async Task<HashSet<string>> EnrolledPhotoHashesAsync(Guid personId, CancellationToken ct)
    {
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var faceId in await api.FaceIdsAsync(personId, ct))
        {
            if (await api.FacePhotoAsync(personId, faceId, ct) is { } photo)
            {
                hashes.Add(Hash(photo));
            }
        }
        return hashes;
    }

    private static string Hash(byte[] content) => Convert.ToHexString(SHA256.HashData(content));
}
