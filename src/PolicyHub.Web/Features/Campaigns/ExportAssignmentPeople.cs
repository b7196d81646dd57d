using System.Globalization;
using CsvHelper;
using PolicyHub.Core.Audit;

namespace PolicyHub.Web.Features.Campaigns;

/// <summary>
/// The dashboard's people of one filter (open, overdue, acknowledged) as CSV, for HR's own follow-up: recorded first as
/// "evidence.exported" (scope "assignment"), then streamed from one query; cells a spreadsheet would run are escaped.
/// </summary>
public sealed class ExportAssignmentPeople(PolicyHubDbContext db, TenantContext tenant, AssignmentDashboard dashboard, TimeProvider time) : IStateChange
{
    public static readonly string[] Columns = ["person_id", "name", "email", "department", "status", "due_at", "acknowledged_at", "reminders_sent", "last_reminded_at"];

    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

    /// <returns>False when the assignment is not this organisation's (404).</returns>
    public async Task<bool> ExportAsync(Guid assignmentId, PeopleFilter filter, HttpResponse response, CancellationToken ct)
    {
        var assignment = await db.Assignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null)
        {
            return false;
        }

        await db.InTransactionAsync(async token =>
        {
            db.Audit(AuditEvents.AssignmentPeopleExported(assignment, filter.ToString()), tenant.Actor);
            return await db.SaveChangesAsync(token);
        }, ct);

        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"assignment-{assignmentId}-{filter.ToString().ToLowerInvariant()}.csv\"";
        await using var csv = CsvWriter.Create(response.Body, Options, leaveOpen: true);
        await csv.WriteRecordAsync(Columns, ct);
        await foreach (var person in dashboard.PeopleAsync(assignmentId, filter, time.GetUtcNow().UtcDateTime).AsAsyncEnumerable().WithCancellation(ct))
        {
            await csv.WriteRecordAsync(
            [
                person.MembershipId.ToString(), person.Name, person.Email, person.Department, person.Status.ToString(), Time(person.DueAt), Time(person.AcknowledgedAt),
                person.RemindersSent.ToString(CultureInfo.InvariantCulture), Time(person.LastRemindedAt),
            ], ct);
        }

        return true;
    }

    private static string? Time(DateTime? value) => value is { } at ? AuditHashing.FormatTime(at) : null;
}
