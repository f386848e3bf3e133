namespace FaceAttendance.Web.Aws.Rekognition;

public static class RekognitionClientPaging
{
    /// <summary>Every face of a collection, following ListFaces' NextToken to the end.</summary>
    public static async Task<List<Face>> ListAllFacesAsync(this RekognitionClient client, string collectionId, CancellationToken ct)
    {
        var faces = new List<Face>();
        string? next = null;
        do
        {
            var page = await client.ListFacesAsync(new ListFacesRequest(collectionId, next, MaxResults: 4096), ct);
            faces.AddRange(page.Faces);
            next = page.NextToken;
        }
        while (next is not null);
        return faces;
    }
}
