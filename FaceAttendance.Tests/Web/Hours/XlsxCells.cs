using System.IO.Compression;
using System.Xml.Linq;

namespace FaceAttendance.Tests.Web.Hours;

/// <summary>Reads an XLSX file's cells with nothing but the zip and its XML (ECMA-376), independently of the library that
/// wrote it: sheet name to cell reference ("B2") to the text or number as written.</summary>
public static class XlsxCells
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static Dictionary<string, Dictionary<string, string>> Read(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        XDocument Part(string path) => XDocument.Load(zip.GetEntry(path)!.Open());
        var targets = Part("xl/_rels/workbook.xml.rels").Root!.Elements(PackageRelationships + "Relationship")
            .ToDictionary(r => (string)r.Attribute("Id")!, r => ((string)r.Attribute("Target")!).TrimStart('/').Replace("xl/", ""));
        var shared = zip.GetEntry("xl/sharedStrings.xml") is null ? []
            : Part("xl/sharedStrings.xml").Root!.Elements(Main + "si").Select(si => string.Concat(si.Descendants(Main + "t").Select(t => t.Value))).ToList();
        var sheets = new Dictionary<string, Dictionary<string, string>>();
        foreach (var sheet in Part("xl/workbook.xml").Root!.Element(Main + "sheets")!.Elements(Main + "sheet"))
        {
            var cells = Part($"xl/{targets[(string)sheet.Attribute(Relationships + "id")!]}").Descendants(Main + "c");
            sheets[(string)sheet.Attribute("name")!] = cells.ToDictionary(c => (string)c.Attribute("r")!, c => (string?)c.Attribute("t") switch
            {
                "s" => shared[int.Parse(c.Element(Main + "v")!.Value)],
                "inlineStr" => string.Concat(c.Descendants(Main + "t").Select(t => t.Value)),
                _ => c.Element(Main + "v")?.Value ?? "",
            });
        }
        return sheets;
    }
}
