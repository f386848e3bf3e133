namespace FaceAttendance.Web.Data;

/// <summary>
/// The data step of the <c>SitesAndDepartments</c> migration, one statement set per provider: every distinct site name
/// kiosks had as free text becomes a <see cref="Site"/> (in the time zone of its first kiosk by name order), each kiosk
/// joins it, and each event a kiosk made carries that kiosk's site. It runs once, inside the migration's transaction, so
/// instances starting together cannot make a site twice. Kept here so a regenerated migration needs one line again.
/// </summary>
internal static class SitesBackfill
{
    // hex() of random bytes in the 8-4-4-4-12 shape: how EF Core's SQLite provider stores a Guid (upper-case text)
    public const string Sqlite = """
        INSERT INTO "Sites" ("Id", "Name", "TimeZone", "CreatedAt")
        SELECT hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)),
               "Site", MIN("TimeZone"), MIN("CreatedAt")
        FROM "Kiosks" GROUP BY "Site";
        UPDATE "Kiosks" SET "SiteId" = (SELECT "Id" FROM "Sites" WHERE "Sites"."Name" = "Kiosks"."Site");
        UPDATE "AttendanceEvents" SET "SiteId" = (SELECT "SiteId" FROM "Kiosks" WHERE "Kiosks"."Id" = "AttendanceEvents"."KioskId")
        WHERE "KioskId" IS NOT NULL;
        """;

    public const string Postgres = """
        INSERT INTO "Sites" ("Id", "Name", "TimeZone", "CreatedAt")
        SELECT gen_random_uuid(), "Site", MIN("TimeZone"), MIN("CreatedAt") FROM "Kiosks" GROUP BY "Site";
        UPDATE "Kiosks" AS k SET "SiteId" = s."Id" FROM "Sites" AS s WHERE s."Name" = k."Site";
        UPDATE "AttendanceEvents" AS e SET "SiteId" = k."SiteId" FROM "Kiosks" AS k WHERE k."Id" = e."KioskId";
        """;
}
