using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PolicyHub.DataGenerator;

/// <summary>
/// Inserts many rows of one entity type with one prepared INSERT in the current transaction, for the tables that
/// carry no audit event of their own (requests, acknowledgements). Table, columns and the conversion of each value
/// come from the EF Core model and its type mappings, so the rows are stored exactly as EF Core would store them.
/// </summary>
internal static class BulkInsert
{
    public static async Task InsertAsync<T>(DbContext db, IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties().Where(p => p.GetColumnName(table) is not null).Select(p => (Property: p, Mapping: p.GetRelationalTypeMapping())).ToList();

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("Bulk inserts run inside a transaction.");
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)))}) "
                              + $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var parameters = new DbParameter[columns.Count];
        var first = true;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var (property, mapping) = columns[i];
                var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
                // The mapping converts the value and types the parameter as EF Core does for its own commands.
                var parameter = mapping.CreateParameter(command, "@p" + i, value, property.IsNullable);
                if (first)
                {
                    parameters[i] = parameter;
                    command.Parameters.Add(parameter);
                }
                else
                {
                    parameters[i].Value = parameter.Value;
                }
            }

            if (first)
            {
                await command.PrepareAsync(ct);
                first = false;
            }

            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
