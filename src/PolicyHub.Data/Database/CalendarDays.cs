using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace PolicyHub.Data.Database;

/// <summary>
/// The calendar day of a stored time, for grouping in the database. SQLite keeps times as
/// "yyyy-MM-dd HH:mm:ss…" text and EF Core translates <see cref="DateTime.Date"/> into a strftime over each row
/// (about 1 µs a row: 14 ms of the dashboard's 20,000); the day is the text's first ten characters. SQL Server
/// keeps <see cref="DateTime.Date"/>, which is a cheap conversion there.
/// </summary>
public static class CalendarDays
{
    /// <summary>Translated to <c>substr(time, 1, 10)</c> on SQLite; not callable in .NET.</summary>
    public static DateTime SqliteDay(DateTime time) => throw new InvalidOperationException("Only for queries on SQLite.");

    /// <summary>The day of each row's time, as the database answers it fastest.</summary>
    public static Expression<Func<T, DateTime>> Of<T>(DbContext db, Expression<Func<T, DateTime>> time)
    {
        Expression day = db.Database.IsSqlite()
            ? Expression.Call(typeof(CalendarDays).GetMethod(nameof(SqliteDay))!, time.Body)
            : Expression.Property(time.Body, nameof(DateTime.Date));
        return Expression.Lambda<Func<T, DateTime>>(day, time.Parameters);
    }

    internal static void Register(ModelBuilder modelBuilder)
        => modelBuilder.HasDbFunction(typeof(CalendarDays).GetMethod(nameof(SqliteDay))!)
            .HasTranslation(arguments => new SqlFunctionExpression("substr",
                [arguments[0], new SqlConstantExpression(1, typeof(int), IntTypeMapping.Default), new SqlConstantExpression(10, typeof(int), IntTypeMapping.Default)],
                nullable: true, argumentsPropagateNullability: [true, false, false], typeof(DateTime), arguments[0].TypeMapping));
}
