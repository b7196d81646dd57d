using PolicyHub.Core.Tenancy;

namespace PolicyHub.Core.Acknowledgements;

public enum AssignmentStatus
{
    Active = 0,
    /// <summary>A later version took over, or HR closed it: no new requests, history kept.</summary>
    Closed = 1,
}

/// <summary>
/// A published policy version assigned to an audience with a due date. The audience is the union of its
/// targets (everyone, departments, locations, named people); people who join or move into it later get a
/// request of their own, people who leave it drop out of the open numbers.
/// </summary>
public sealed class Assignment : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid PolicyId { get; set; }
    public Guid PolicyVersionId { get; set; }
    public bool Everyone { get; set; }
    public List<AssignmentTarget> Targets { get; set; } = [];
    public DateTime DueAt { get; set; }

    /// <summary>Someone who joins the audience later has this many days from joining.</summary>
    public int LateJoinerDays { get; set; } = 14;

    /// <summary>Reminders go out this many days before the due date ("7,1"); see <see cref="ReminderSchedule"/>.</summary>
    public string ReminderDaysBefore { get; set; } = ReminderSchedule.DefaultDaysBefore;

    /// <summary>After the due date, a reminder every this many days; 0 sends none.</summary>
    public int OverdueReminderDays { get; set; } = ReminderSchedule.DefaultOverdueEvery;

    /// <summary>Overdue people are also reported to the manager email on their membership, where one is set.</summary>
    public bool EscalateToManagers { get; set; }

    /// <summary>People answer the version's comprehension questions before the statement becomes available.</summary>
    public bool AskQuestions { get; set; }

    public AssignmentStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid CreatedBy { get; set; }
}

public enum AssignmentTargetKind
{
    Department = 0,
    Location = 1,
    Member = 2,
}

/// <summary>One part of an assignment's audience: a department, a location or a named member.</summary>
public sealed class AssignmentTarget : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid AssignmentId { get; set; }
    public AssignmentTargetKind Kind { get; set; }
    public Guid TargetId { get; set; }
}

public enum RequestStatus
{
    Open = 0,
    Acknowledged = 1,
    /// <summary>The person left the audience (moved, deactivated) or the assignment closed before they acknowledged.</summary>
    Withdrawn = 2,
}

/// <summary>One person asked to acknowledge one published version, by a due date.</summary>
public sealed class AcknowledgementRequest : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid AssignmentId { get; set; }
    public Guid PolicyVersionId { get; set; }
    public Guid MembershipId { get; set; }

    /// <summary>
    /// A copy of the person's department and location, kept in step with their membership (see RequestUnits), so that
    /// the assignment dashboard counts by unit from one index instead of looking up every person.
    /// </summary>
    public Guid? DepartmentId { get; set; }

    /// <inheritdoc cref="DepartmentId"/>
    public Guid? LocationId { get; set; }

    public DateTime DueAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public RequestStatus Status { get; set; }
    public DateTime? AcknowledgedAt { get; set; }

    /// <summary>The acknowledgement that answered it (possibly given for another request for the same text).</summary>
    public Guid? AcknowledgementId { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    /// <summary>When the reminder scheduler should next mention this request; null when none is planned.</summary>
    public DateTime? NextReminderAt { get; set; }

    public DateTime? LastRemindedAt { get; set; }
    public int RemindersSent { get; set; }

    /// <summary>When the policy's owner was told that this request is overdue (once).</summary>
    public DateTime? EscalatedAt { get; set; }

    /// <summary>When the person's manager was told that this request is overdue (once, if the assignment asks for it).</summary>
    public DateTime? ManagerEscalatedAt { get; set; }

    public bool IsOverdue(DateTime now) => Status == RequestStatus.Open && DueAt < now;
}
