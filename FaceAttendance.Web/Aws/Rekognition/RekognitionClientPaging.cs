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

    /// <summary>Deletes these faces, in as many DeleteFaces calls as its limit of 4096 ids per call needs.</summary>
    public static async Task DeleteAllFacesAsync(this RekognitionClient client, string collectionId, IEnumerable<string> faceIds, CancellationToken ct)
    {
        foreach (var chunk in faceIds.Chunk(4096))
        {
            await client.DeleteFacesAsync(new DeleteFacesRequest(collectionId, chunk), ct);
        }
    }
}
