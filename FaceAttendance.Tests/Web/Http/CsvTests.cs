using FaceAttendance.Web.Http;

namespace FaceAttendance.Tests.Web.Http;

public sealed class CsvTests
{
    [Theory]
    [InlineData("Ann Smith", "Ann Smith")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-2", "'-2")]
    // a ';' locale splits this field into three cells: each that would start with a formula is made text
    [InlineData("Bob;=1+1;", "\"Bob;'=1+1;\"")]
    [InlineData("Bob,+cmd|' /C calc'!A0", "\"Bob,'+cmd|' /C calc'!A0\"")]
    [InlineData("a\t@x", "\"a\t'@x\"")]
    [InlineData("Smith-Jones", "Smith-Jones")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    public void FieldsThatASpreadsheetWouldEvaluateAreMadeText(string value, string expected) =>
        Csv.Field(value).Should().Be(expected);
}
