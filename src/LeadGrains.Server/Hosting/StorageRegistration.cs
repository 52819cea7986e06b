using LeadGrains.Storage;
using LeadGrains.Storage.Journal;
using LeadGrains.Storage.Keys;
using LeadGrains.Storage.Kpis;
using LeadGrains.Storage.Postgres;
using LeadGrains.Storage.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LeadGrains.Server.Hosting;

/// <summary>Chooses the store (embedded SQLite or PostgreSQL), migrates it, and registers its services.</summary>
public static class StorageRegistration
{
    /// <summary>The connection string the chosen store and Orleans' ADO.NET providers use.</summary>
    public static string ConnectionString(LeadGrainsOptions options) => options.Storage switch
    {
        StorageKind.Postgres => string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new InvalidOperationException(
                "Storage is postgres but no connection string is set: set ConnectionStrings__LeadGrains.")
            : options.ConnectionString,
        _ => SqliteLeadStore.ConnectionStringFor(options.SqliteFile),
    };

    public static async Task MigrateAsync(LeadGrainsOptions options, ILogger logger, CancellationToken ct)
    {
        if (options.Storage == StorageKind.Sqlite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(options.SqliteFile)!);
        }
        var applied = await new SchemaMigrator(options.Storage, ConnectionString(options), logger).MigrateAsync(ct);
        if (applied.Count == 0)
        {
            logger.LogDebug("Schema is up to date");
        }
        if (options.Storage == StorageKind.Postgres)
        {
            await using var dataSource = PostgresDataSource.Create(ConnectionString(options));
            await EventLeadKey.VerifyAsync(dataSource, ct);
        }
    }

    public static IServiceCollection AddLeadStore(this IServiceCollection services, LeadGrainsOptions options)
    {
        var connectionString = ConnectionString(options);
        if (options.Storage == StorageKind.Postgres)
        {
            services.AddSingleton(_ => PostgresDataSource.Create(connectionString));
            services.AddSingleton<ILeadStore>(sp =>
            {
                var journal = sp.GetRequiredService<IOptions<JournalOptions>>().Value;
                return new PostgresLeadStore(
                    sp.GetRequiredService<NpgsqlDataSource>(), journal.InsertCommitsAfterDuplicate, journal.RecentEventsRemembered,
                    sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString());
            });
            services.AddSingleton(sp => ApiKeyStore.ForPostgres(sp.GetRequiredService<NpgsqlDataSource>()));
            services.AddSingleton(sp => KpiStore.ForPostgres(sp.GetRequiredService<NpgsqlDataSource>()));
        }
        else
        {
            services.AddSingleton<ILeadStore>(_ => new SqliteLeadStore(connectionString));
            services.AddSingleton(_ => ApiKeyStore.ForSqlite(connectionString));
            services.AddSingleton(_ => KpiStore.ForSqlite(connectionString));
        }
        services.AddSingleton<JournalWriter>();
        services.AddSingleton<ChannelReportWriter>();
        services.AddSingleton<LeadLoader>();
        return services;
    }
}
