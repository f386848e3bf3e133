namespace FaceAttendance.Tests.Aws;

/// <summary>The service-model checker the conformance tests rely on finds what it must.</summary>
public class RekognitionServiceModelTests
{
    [Theory]
    [InlineData("DeleteFaces", 200, """{"DeletedFaces":[],"UnsuccessfulFaceDeletions":[]}""", "below the minimum 1")]
    [InlineData("ListFaces", 200, """{"Faces":[],"FaceModelVersion":"1.0","Extra":1}""", "member Extra is not in the model")]
    [InlineData("DescribeCollection", 200, """{"FaceCount":"3"}""", "expected a whole number")]
    [InlineData("DeleteFaces", 200, """{"DeletedFaces":["not-a-uuid"]}""", "does not match the pattern")]
    [InlineData("ListCollections", 400, """{"__type":"InvalidImageFormatException","Message":"x"}""", "not one the model declares")]
    [InlineData("ListCollections", 400, """{"__type":"ValidationException"}""", "no string Message")]
    public void EachKindOfViolationIsReported(string operation, int status, string body, string expected) =>
        RekognitionServiceModel.Violations([new RekognitionServer.Exchange(operation, status, body)])
            .Should().ContainSingle().Which.Should().Contain(expected);

    [Fact]
    public void AConformingAnswerHasNoViolation() =>
        RekognitionServiceModel.Violations([new RekognitionServer.Exchange("DeleteFaces", 200,
            """{"DeletedFaces":["0193263b-3968-4009-b955-de9039e09059"],"UnsuccessfulFaceDeletions":[]}""")]).Should().BeEmpty();
}
