using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FaceAttendance.Web.Data;

public sealed class AttendanceDbContext(DbContextOptions<AttendanceDbContext> options) : DbContext(options)
{
    public DbSet<Person> People => Set<Person>();
    public DbSet<Face> Faces => Set<Face>();
    public DbSet<AttendanceEvent> AttendanceEvents => Set<AttendanceEvent>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // every DateTime is UTC; SQLite forgets the kind, so stamp it back on read
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Person>(person =>
        {
            person.HasIndex(p => p.EmployeeId).IsUnique();
            person.HasIndex(p => p.Name);
            person.Property(p => p.EmployeeId).HasMaxLength(64);
            person.Property(p => p.Name).HasMaxLength(200);
            person.Property(p => p.Email).HasMaxLength(320);
            person.HasMany(p => p.Faces).WithOne(f => f.Person).HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Face>(face => face.Property(f => f.ModelId).HasMaxLength(200));
        modelBuilder.Entity<AttendanceEvent>(attendance =>
        {
            attendance.HasIndex(e => e.RecordedAt);
            attendance.HasIndex(e => new { e.PersonId, e.RecordedAt });
            attendance.Property(e => e.Kind).HasConversion<string>().HasMaxLength(8);
            attendance.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.SetNull);
        });
    }

    internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
