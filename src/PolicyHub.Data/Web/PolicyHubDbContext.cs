using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Audit;
using PolicyHub.Core.Email;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Database;
using PolicyHub.Data.Outbox;

namespace PolicyHub.Data.Web;

/// <summary>
/// The Web app's unit of work. Tenant isolation lives here, in one place: every <see cref="ITenantOwned"/>
/// entity is filtered to <see cref="CurrentTenantId"/> (a field of this instance, never a captured value), and
/// SaveChanges stamps new rows with it and refuses rows of any other (or no) tenant. Audit events recorded with
/// <see cref="Audit"/> are chained and written by the same SaveChanges, inside the caller's transaction.
/// </summary>
public class PolicyHubDbContext : DbContext, IDataProtectionKeyContext, IOutboxContext
{
    public const string TenantFilter = "Tenant";

    private Guid? _tenantId;
    private readonly List<PendingAuditEvent> _pendingAudit = [];

    public PolicyHubDbContext(DbContextOptions<PolicyHubDbContext> options)
        : this(options, TimeProvider.System)
    {
    }

    public PolicyHubDbContext(DbContextOptions<PolicyHubDbContext> options, TimeProvider clock)
        : base(options) => Clock = clock;

    /// <summary>The clock that stamps audit events (a fake one in tests).</summary>
    public TimeProvider Clock { get; }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<Policy> Policies => Set<Policy>();
    public DbSet<PolicyVersion> PolicyVersions => Set<PolicyVersion>();
    public DbSet<PolicyTranslation> PolicyTranslations => Set<PolicyTranslation>();
    public DbSet<ReviewComment> ReviewComments => Set<ReviewComment>();
    public DbSet<PolicyReviewer> PolicyReviewers => Set<PolicyReviewer>();
    public DbSet<ComprehensionQuestion> ComprehensionQuestions => Set<ComprehensionQuestion>();
    public DbSet<PolicyHub.Core.Acknowledgements.ComprehensionResult> ComprehensionResults => Set<PolicyHub.Core.Acknowledgements.ComprehensionResult>();
    public DbSet<PolicyHub.Core.Templates.OrganisationTemplate> OrganisationTemplates => Set<PolicyHub.Core.Templates.OrganisationTemplate>();
    public DbSet<PolicyHub.Core.Acknowledgements.Assignment> Assignments => Set<PolicyHub.Core.Acknowledgements.Assignment>();
    public DbSet<PolicyHub.Core.Acknowledgements.AssignmentTarget> AssignmentTargets => Set<PolicyHub.Core.Acknowledgements.AssignmentTarget>();
    public DbSet<PolicyHub.Core.Acknowledgements.AcknowledgementRequest> AcknowledgementRequests => Set<PolicyHub.Core.Acknowledgements.AcknowledgementRequest>();
    public DbSet<PolicyHub.Core.Acknowledgements.Acknowledgement> Acknowledgements => Set<PolicyHub.Core.Acknowledgements.Acknowledgement>();
    public DbSet<PolicyHub.Core.Acknowledgements.ReminderDigest> ReminderDigests => Set<PolicyHub.Core.Acknowledgements.ReminderDigest>();
    public DbSet<PolicyHub.Core.Scheduling.SchedulerLease> SchedulerLeases => Set<PolicyHub.Core.Scheduling.SchedulerLease>();

    /// <summary>The organisation this unit of work acts for; null sees no tenant-owned row at all.</summary>
    public Guid? CurrentTenantId => _tenantId;

    /// <summary>The shadow column naming the organisation an outbox message was written for (null: none, or older than the column).</summary>
    public const string OutboxTenantId = "TenantId";

    /// <summary>Binds this context to one organisation (the request's, from the route and membership check).</summary>
    public void UseTenant(Guid tenantId)
    {
        if (_pendingAudit.Count > 0 || ChangeTracker.Entries<ITenantOwned>().Any(e => e.State != EntityState.Unchanged && e.State != EntityState.Detached))
        {
            throw new InvalidOperationException("Save pending changes before switching to another organisation.");
        }

        _tenantId = tenantId;
    }

    /// <summary>
    /// Records a state change for the current organisation's audit trail. It is chained and written by the next
    /// SaveChanges, which must run inside a transaction (see DbContextTransactions.InTransactionAsync).
    /// Refer to people by membership id only: the payload is hashed and can never be erased.
    /// </summary>
    public void Audit(AuditEntry entry, string actor)
        => _pendingAudit.Add(new PendingAuditEvent(entry.Action, entry.EntityType, entry.EntityId, actor, entry.Data));

    /// <summary>
    /// The one way to create an organisation (the page, the demo seeder, the data generator and the tests): the
    /// organisation, its audit chain head and its first event, in this unit of work (the caller saves, in its
    /// transaction). The context is switched to the new organisation. The first event is
    /// <see cref="Core.Audit.AuditEvents.OrganisationCreated"/> unless the caller names another (the demo's).
    /// </summary>
    public void AddOrganisation(Tenant organisation, string actor, AuditEntry? created = null)
    {
        UseTenant(organisation.Id);
        Tenants.Add(organisation);
        AuditChainHeads.Add(new AuditChainHead { TenantId = organisation.Id });
        Audit(created ?? Core.Audit.AuditEvents.OrganisationCreated(organisation), actor);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        // Synchronous saves exist for framework code (the Data Protection key store); audit needs the async path.
        if (_pendingAudit.Count > 0)
        {
            throw new NotSupportedException("Use SaveChangesAsync: audit events are appended asynchronously.");
        }

        GuardTenantRows();
        GuardPublishedVersions();
        if (MovedMembers().Count > 0)
        {
            throw new NotSupportedException("Use SaveChangesAsync: a person's requests follow their new unit asynchronously.");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardTenantRows();
        GuardPublishedVersions();
        var moved = MovedMembers();
        var saved = await SaveWithAuditAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (moved.Count > 0)
        {
            // In the caller's transaction (a person's unit is only changed together with an audit event).
            await RequestUnits.FollowAsync(this, moved, cancellationToken);
        }

        return saved;
    }

    /// <summary>The people this save moves to another unit (ChangeTracker.Entries detects changes itself when that is on).</summary>
    private List<Guid> MovedMembers() => RequestUnits.Moved(this);

    private async Task<int> SaveWithAuditAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        if (_pendingAudit.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var pending = _pendingAudit.ToList();
        _pendingAudit.Clear();
        for (var attempt = 1; ; attempt++)
        {
            // The savepoint covers the sequence reservation too, so a retry leaves no gap in the chain.
            var transaction = Database.CurrentTransaction
                ?? throw new InvalidOperationException("Audit events must be written in the transaction of the change: use InTransactionAsync.");
            await transaction.CreateSavepointAsync(AuditChain.Savepoint, cancellationToken);
            var appended = await AuditChain.AppendAsync(this, pending, resynchronize: attempt > 1, cancellationToken);
            try
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < AuditChain.MaxAttempts && AuditChain.IsSequenceConflict(ex))
            {
                // The (tenant, sequence) key caught two appenders on one number: undo, then append after the last stored event.
                await transaction.RollbackToSavepointAsync(AuditChain.Savepoint, cancellationToken);
                foreach (var auditEvent in appended)
                {
                    Entry(auditEvent).State = EntityState.Detached;
                }
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OutboxMessageEntityTypeConfiguration());
        // Which organisation an email was written for (a shadow column: the auth service's outbox has none), so that
        // erasing a person touches only that organisation's messages.
        modelBuilder.Entity<OutboxMessage>().Property<Guid?>(OutboxTenantId);
        modelBuilder.Entity<OutboxMessage>().HasIndex(OutboxTenantId);
        CalendarDays.Register(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PolicyHubDbContext).Assembly,
            t => t.Namespace?.StartsWith("PolicyHub.Data.Web", StringComparison.Ordinal) == true);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)).ToList())
        {
            typeof(PolicyHubDbContext).GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entityType.ClrType)
                .Invoke(this, [modelBuilder]);
        }
    }

    // The filter reads this instance's field: EF Core evaluates it per query, so each context sees its own tenant.
    private void ApplyTenantFilter<TEntity>(ModelBuilder modelBuilder) where TEntity : class, ITenantOwned
        => modelBuilder.Entity<TEntity>().HasQueryFilter(TenantFilter, e => e.TenantId == _tenantId);

    /// <summary>A published text is evidence: its Markdown, HTML and hash never change, whatever code tries.</summary>
    private void GuardPublishedVersions()
    {
        foreach (var entry in ChangeTracker.Entries<PolicyVersion>())
        {
            var frozen = entry.State switch
            {
                EntityState.Deleted => PolicyLifecycle.IsImmutable(entry.Property(v => v.Status).OriginalValue),
                EntityState.Modified => PolicyLifecycle.IsImmutable(entry.Property(v => v.Status).OriginalValue)
                    && (entry.Property(v => v.Markdown).IsModified || entry.Property(v => v.Html).IsModified || entry.Property(v => v.ContentHash).IsModified
                        || entry.Property(v => v.Language).IsModified || entry.Property(v => v.Number).IsModified || entry.Property(v => v.PolicyId).IsModified),
                _ => false,
            };
            if (frozen)
            {
                throw new PublishedVersionImmutableException(entry.Entity.Id);
            }
        }

        // A translation is frozen with its version: once it has a content hash, it neither changes nor goes.
        foreach (var entry in ChangeTracker.Entries<PolicyTranslation>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted && entry.Property(t => t.ContentHash).OriginalValue is not null)
            {
                throw new PublishedVersionImmutableException(entry.Entity.PolicyVersionId);
            }
        }
    }

    private void GuardTenantRows()
    {
        foreach (var entry in ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added))
        {
            entry.Property<Guid?>(OutboxTenantId).CurrentValue ??= _tenantId;
        }

        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (_tenantId is not { } tenant)
            {
                throw new TenantIsolationException($"A {entry.Metadata.ClrType.Name} was changed without a current organisation.");
            }

            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty)
            {
                entry.Entity.TenantId = tenant;
            }

            var original = entry.State == EntityState.Added ? entry.Entity.TenantId : entry.Property(e => e.TenantId).OriginalValue;
            if (entry.Entity.TenantId != tenant || original != tenant)
            {
                throw new TenantIsolationException($"A {entry.Metadata.ClrType.Name} of another organisation cannot be saved here.");
            }
        }
    }
}

/// <summary>Thrown when code tries to change or delete the text of a published policy version.</summary>
public sealed class PublishedVersionImmutableException(Guid versionId)
    : InvalidOperationException($"Policy version {versionId} is published; its text can never change.");

/// <summary>Thrown when code tries to write a row outside the current organisation: a bug, never user input.</summary>
public sealed class TenantIsolationException(string message) : InvalidOperationException(message);

internal sealed record PendingAuditEvent(string Action, string EntityType, string EntityId, string Actor, JsonObject Data);
