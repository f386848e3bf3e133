using FaceAttendance.Web.Admin;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FaceAttendance.Web.Data;

/// <summary>
/// The app's database, shared by every instance. One subclass per provider (<see cref="SqliteAttendanceDbContext"/>,
/// <see cref="PostgresAttendanceDbContext"/>) carries everything that provider does its own way: its connection, its
/// migrations and how they are applied, its cross-instance locks and how its errors read; the app always asks for this
/// base type and never which provider it is. Accounts are ASP.NET Core Identity's users on this same context (no role
/// tables: an account holds one role, a column of <see cref="Account"/>).
/// </summary>
public abstract class AttendanceDbContext(DbContextOptions options) : IdentityUserContext<Account, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Person> People => Set<Person>();
    public DbSet<Face> Faces => Set<Face>();
    public DbSet<AttendanceEvent> AttendanceEvents => Set<AttendanceEvent>();
    public DbSet<FaceChange> FaceChanges => Set<FaceChange>();
    public DbSet<AttendanceCorrection> AttendanceCorrections => Set<AttendanceCorrection>();
    public DbSet<ScanDecision> ScanDecisions => Set<ScanDecision>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<StoredAdminCredentials> AdminCredentials => Set<StoredAdminCredentials>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<Kiosk> Kiosks => Set<Kiosk>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<ManagerSite> ManagerSites => Set<ManagerSite>();
    public DbSet<ManagerDepartment> ManagerDepartments => Set<ManagerDepartment>();
    public DbSet<PasswordReset> PasswordResets => Set<PasswordReset>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ScheduledShift> ScheduledShifts => Set<ScheduledShift>();
    public DbSet<PayRuleSet> PayRuleSets => Set<PayRuleSet>();
    public DbSet<PayPeriodSetting> PayPeriodSettings => Set<PayPeriodSetting>();
    public DbSet<PeriodApproval> PeriodApprovals => Set<PeriodApproval>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    /// <summary>How /healthz names the database: "SQLite", "PostgreSQL".</summary>
    public abstract string ProviderName { get; }

    /// <summary>Brings the schema up to date before the app serves anything (never EnsureCreated), also when several
    /// instances start at once or an earlier start was killed half-way.</summary>
    public abstract Task ApplyMigrationsAsync(ILogger logger);

    /// <summary>After a person's rows were deleted: leaves no readable copy of them in files the provider keeps beside
    /// the tables.</summary>
    public abstract Task PurgeErasedRowsAsync(CancellationToken ct);

    /// <summary>Whether a unique index refused the change.</summary>
    protected abstract bool IsUniqueViolation(DbUpdateException exception);

    /// <summary>
    /// Inside a transaction, waits until no other instance is deciding about <paramref name="personId"/>; held until
    /// the transaction ends. Keeps one check-in per person per duplicate window across instances.
    /// </summary>
    public abstract Task LockPersonAsync(Guid personId, CancellationToken ct);

    /// <summary>
    /// Inside a transaction, makes <see cref="FaceChange.Sequence"/> values commit in increasing order, so a poller
    /// that has read up to N never later sees a smaller number appear.
    /// </summary>
    protected internal abstract Task OrderFaceChangesAsync(CancellationToken ct);

    /// <summary>Records a <see cref="FaceChange"/> for every face added, changed or deleted, in the same transaction.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var changed = ChangeTracker.Entries<Face>()
            .Where(entry => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(entry => entry.Entity.Id).ToList();
        if (changed.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var now = DateTime.UtcNow;
        FaceChanges.AddRange(changed.Select(faceId => new FaceChange { FaceId = faceId, ChangedAt = now }));
        if (Database.CurrentTransaction is not null)
        {
            await OrderFaceChangesAsync(cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await OrderFaceChangesAsync(cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>Saves, or returns false when a unique index refuses the change (two admins creating one employee id at
    /// once): the database decides, so a race answers like a plain duplicate instead of failing.</summary>
    public async Task<bool> SaveUnlessDuplicateAsync(CancellationToken ct)
    {
        try
        {
            await SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            ChangeTracker.Clear();
            return false;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // every DateTime is UTC; SQLite forgets the kind, so stamp it back on read
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Account>(account =>
        {
            account.Property(a => a.DisplayName).HasMaxLength(200);
            account.Property(a => a.Role).HasMaxLength(16);
        });
        modelBuilder.Entity<Invitation>(invitation =>
        {
            invitation.Property(i => i.Email).HasMaxLength(256);
            invitation.Property(i => i.DisplayName).HasMaxLength(200);
            invitation.Property(i => i.Role).HasMaxLength(16);
            invitation.Property(i => i.TokenSha256).HasMaxLength(64);
            invitation.Property(i => i.InvitedBy).HasMaxLength(64);
            invitation.HasIndex(i => i.TokenSha256).IsUnique();
        });
        modelBuilder.Entity<PasswordReset>(reset =>
        {
            reset.Property(r => r.TokenSha256).HasMaxLength(64);
            reset.Property(r => r.IssuedBy).HasMaxLength(64);
            reset.HasIndex(r => r.TokenSha256).IsUnique();
            reset.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ApiKey>(key =>
        {
            key.Property(k => k.Name).HasMaxLength(ApiKey.MaxNameLength);
            key.Property(k => k.Role).HasMaxLength(16);
            key.Property(k => k.Prefix).HasMaxLength(16);
            key.Property(k => k.SecretSha256).HasMaxLength(64);
            key.Property(k => k.CreatedBy).HasMaxLength(64);
            key.HasIndex(k => k.Prefix).IsUnique();
        });
        modelBuilder.Entity<Person>(person =>
        {
            person.HasIndex(p => p.EmployeeId).IsUnique();
            person.HasIndex(p => p.Name);
            person.Property(p => p.EmployeeId).HasMaxLength(64);
            person.Property(p => p.Name).HasMaxLength(200);
            person.Property(p => p.Email).HasMaxLength(320);
            person.Property(p => p.ConsentNoticeVersion).HasMaxLength(64);
            person.Property(p => p.ConsentRecordedBy).HasMaxLength(64);
            person.Property(p => p.PinHash).HasMaxLength(256);
            // no foreign keys to sites and departments: SQLite could add them only by rebuilding the people table;
            // a site or department is deleted only while nothing names it
            person.HasIndex(p => p.HomeSiteId);
            person.HasIndex(p => p.DepartmentId);
            person.HasMany(p => p.Faces).WithOne(f => f.Person).HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Face>(face =>
        {
            face.Property(f => f.ModelId).HasMaxLength(200);
            face.ComplexProperty(f => f.Box);
        });
        modelBuilder.Entity<AttendanceEvent>(attendance =>
        {
            attendance.HasIndex(e => e.RecordedAt);
            attendance.HasIndex(e => new { e.PersonId, e.RecordedAt });
            attendance.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
            attendance.Property(e => e.Method).HasConversion<string>().HasMaxLength(8).HasDefaultValue(AttendanceMethod.Face);
            attendance.Property(e => e.PinFaceCheck).HasConversion<string>().HasMaxLength(16);
            attendance.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.SetNull);
            // no foreign key: kiosks are never deleted, and SQLite could add one only by rebuilding the events table
            attendance.HasIndex(e => e.KioskId);
            attendance.HasIndex(e => e.SiteId);
            attendance.HasMany(e => e.Corrections).WithOne().HasForeignKey(c => c.EventId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<AttendanceCorrection>(correction =>
        {
            correction.Property(c => c.Action).HasConversion<string>().HasMaxLength(16);
            correction.Property(c => c.Actor).HasMaxLength(64);
            correction.Property(c => c.Reason).HasMaxLength(500);
            correction.Property(c => c.FromName).HasMaxLength(200);
            correction.Property(c => c.FromEmployeeId).HasMaxLength(64);
            correction.HasIndex(c => c.EventId);
        });
        modelBuilder.Entity<FaceChange>(change => change.HasKey(c => c.Sequence));
        modelBuilder.Entity<ScanDecision>(decision =>
        {
            decision.HasKey(d => d.SnapshotKey);
            decision.Property(d => d.SnapshotKey).HasMaxLength(Storage.ObjectKeys.MaxLength);
            decision.HasIndex(d => d.DecidedAt);
            decision.HasIndex(d => d.PersonId);
            decision.Property(d => d.Result).HasMaxLength(32);
            decision.Property(d => d.Reason).HasMaxLength(32);
            decision.Property(d => d.EnrolledAs).HasMaxLength(200);
            decision.HasIndex(d => new { d.KioskId, d.CaptureId }).IsUnique();
            decision.Property(d => d.SnapshotSha256).HasMaxLength(64);
        });
        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.HasIndex(e => e.At);
            entry.Property(e => e.Actor).HasMaxLength(AuditActor.MaxLength);
            entry.Property(e => e.ActorId).HasMaxLength(64);
            entry.HasIndex(e => e.ActorId);
            entry.Property(e => e.Address).HasMaxLength(64);
            entry.Property(e => e.Action).HasMaxLength(64);
            entry.Property(e => e.Subject).HasMaxLength(200);
            entry.Property(e => e.Detail).HasMaxLength(AuditEntry.MaxDetailLength);
        });
        modelBuilder.Entity<StoredAdminCredentials>(credentials =>
        {
            credentials.Property(c => c.Id).ValueGeneratedNever();
            credentials.Property(c => c.ApiKeySha256).HasMaxLength(64);
            credentials.Property(c => c.PasswordHash).HasMaxLength(200);
        });
        modelBuilder.Entity<Kiosk>(kiosk =>
        {
            kiosk.Property(k => k.Name).HasMaxLength(100);
            kiosk.Property(k => k.Site).HasMaxLength(100);
            kiosk.Property(k => k.TimeZone).HasMaxLength(64);
            kiosk.Property(k => k.PairingCodeHash).HasMaxLength(64);
            kiosk.Property(k => k.TokenHash).HasMaxLength(64);
            kiosk.Property(k => k.PublicKey).HasMaxLength(512);
            kiosk.HasIndex(k => k.PairingCodeHash).IsUnique();
            kiosk.HasIndex(k => k.SiteId);
        });
        modelBuilder.Entity<Site>(site =>
        {
            site.Property(s => s.Name).HasMaxLength(100);
            site.HasIndex(s => s.Name).IsUnique();
            site.Property(s => s.TimeZone).HasMaxLength(64);
            site.Property(s => s.PunchMode).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<Department>(department =>
        {
            department.Property(d => d.Name).HasMaxLength(100);
            department.HasIndex(d => d.Name).IsUnique();
        });
        modelBuilder.Entity<ManagerSite>(scope =>
        {
            scope.HasKey(s => new { s.AccountId, s.SiteId });
            scope.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
            scope.HasOne<Site>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ManagerDepartment>(scope =>
        {
            scope.HasKey(d => new { d.AccountId, d.DepartmentId });
            scope.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
            scope.HasOne<Department>().WithMany().HasForeignKey(d => d.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ScheduledShift>(shift =>
        {
            shift.Property(s => s.Weekday).HasConversion<string>().HasMaxLength(16);
            shift.HasIndex(s => s.PersonId);
            shift.HasIndex(s => s.DepartmentId);
            shift.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
            shift.HasOne<Department>().WithMany().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PayRuleSet>(rules =>
        {
            rules.HasKey(r => r.Scope);
            rules.Property(r => r.Scope).HasMaxLength(64);
            rules.Property(r => r.Rounding).HasConversion<string>().HasMaxLength(16);
            rules.Property(r => r.Breaks).HasConversion<string>().HasMaxLength(16);
            rules.HasOne<Site>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Cascade);
            rules.HasOne<Department>().WithMany().HasForeignKey(r => r.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PayPeriodSetting>(setting =>
        {
            setting.Property(s => s.Id).ValueGeneratedNever();
            setting.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<PeriodApproval>(approval =>
        {
            approval.HasIndex(a => new { a.PersonId, a.Start }).IsUnique();
            approval.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
            approval.Property(a => a.ApprovedBy).HasMaxLength(AuditActor.MaxLength);
            approval.Property(a => a.Change).HasMaxLength(500);
        });
        modelBuilder.Entity<Webhook>(webhook =>
        {
            webhook.Property(w => w.Url).HasMaxLength(FaceAttendance.Web.Webhooks.WebhookUrls.MaxLength);
            webhook.Property(w => w.Events).HasMaxLength(500);
            webhook.Property(w => w.ProtectedSecret).HasMaxLength(1000);
            webhook.Ignore(w => w.EventList);
        });
        modelBuilder.Entity<WebhookDelivery>(delivery =>
        {
            delivery.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
            delivery.HasIndex(d => d.NextAttemptAt);
            delivery.HasIndex(d => new { d.WebhookId, d.CreatedAt });
            delivery.Property(d => d.EventType).HasMaxLength(64);
            delivery.Property(d => d.LastError).HasMaxLength(500);
        });
        modelBuilder.Entity<JobLease>(lease =>
        {
            lease.HasKey(l => l.Name);
            lease.Property(l => l.Name).HasMaxLength(64);
            lease.Property(l => l.Holder).HasMaxLength(64);
        });
    }

    internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
