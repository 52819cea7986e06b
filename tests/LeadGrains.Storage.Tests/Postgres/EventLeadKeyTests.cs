using System.Text;
using LeadGrains.Storage.Postgres;
using LeadGrains.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LeadGrains.Storage.Tests.Postgres;

/// <summary>
/// The journal computes each event's <c>lead_key</c> itself, and readers find a lead's history
/// by the key PostgreSQL computes in SQL: the two must agree for every tenant and lead id.
/// </summary>
public sealed class EventLeadKeyTests
{
    // Every tail length of lookup3's 12-byte blocks, several blocks, and multi-byte UTF-8.
    private static readonly string[] Alphabets =
    [
        "abcdefghijklmnopqrstuvwxyz0123456789-_",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ.:/@",
        "リードテナント見込み客営業",
        "éüßçñø",
        "🙂🚀📈",
    ];

    [Fact]
    public async Task Keys_are_the_ones_PostgreSQL_computes_for_any_length_and_alphabet()
    {
        var random = new Random(20261206);
        var tenants = new List<string>();
        var leads = new List<string>();
        for (var i = 0; i < 3_000; i++)
        {
            tenants.Add(RandomText(random, random.Next(0, 20)));
            leads.Add(RandomText(random, random.Next(0, 60)));
        }
        // Seeds at the edges: PostgreSQL sign-extends hashtext's int4 into hashtextextended's int8 seed.
        tenants.AddRange(["default", "", "t"]);
        leads.AddRange(["lead-1", "", "x"]);

        await using var dataSource = NpgsqlDataSource.Create(await PostgresServer.CreateDatabaseAsync("event_lead_key"));
        await using var cmd = dataSource.CreateCommand("""
            SELECT hashtext(t COLLATE "C"), hashtextextended(l COLLATE "C", hashtext(t COLLATE "C"))
            FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(t, l, n) ORDER BY n
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. tenants] });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. leads] });
        await using var reader = await cmd.ExecuteReaderAsync();
        var row = 0;
        var negativeSeeds = 0;
        for (; await reader.ReadAsync(); row++)
        {
            var tenantHash = reader.GetInt32(0);
            negativeSeeds += tenantHash < 0 ? 1 : 0;
            Assert.Equal(tenantHash, PostgresTextHash.Hash(Encoding.UTF8.GetBytes(tenants[row])));
            Assert.Equal(reader.GetInt64(1), EventLeadKey.Of(tenants[row], leads[row]));
        }
        Assert.Equal(tenants.Count, row);
        Assert.InRange(negativeSeeds, 1, tenants.Count - 1);
    }

    [Fact]
    public async Task Ids_longer_than_the_stack_buffer_hash_the_same()
    {
        var longLead = string.Concat(Enumerable.Repeat("リード-", 100));   // 900 bytes of UTF-8
        await using var dataSource = NpgsqlDataSource.Create(await PostgresServer.CreateDatabaseAsync("event_lead_key_long"));
        await using var cmd = dataSource.CreateCommand("SELECT hashtextextended($1, hashtext($2))");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = longLead });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = longLead });
        Assert.Equal((long)(await cmd.ExecuteScalarAsync())!, EventLeadKey.Of(longLead, longLead));
    }

    [Fact]
    public async Task The_start_up_check_passes_on_a_UTF8_database_and_the_column_takes_no_row_without_a_key()
    {
        var cs = await PostgresServer.CreateDatabaseAsync("event_lead_key_column");
        await new SchemaMigrator(StorageKind.Postgres, cs, NullLogger.Instance).MigrateAsync();
        await using var dataSource = PostgresDataSource.Create(cs);
        await EventLeadKey.VerifyAsync(dataSource, CancellationToken.None);

        await using var insert = dataSource.CreateCommand(
            "INSERT INTO lg_events (tenant, event_id, lead_id, seq, type, occurred_at, received_at) VALUES ('t', 'e1', 'l', 1, 'email.opened', now(), now())");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.NotNullViolation, refused.SqlState);
        Assert.Equal("lead_key", refused.ColumnName);
    }

    private static string RandomText(Random random, int length)
    {
        var alphabet = Alphabets[random.Next(Alphabets.Length)];
        var text = new StringBuilder();
        // Surrogate pairs stay whole: the emoji alphabet is read two chars at a time.
        var step = char.IsHighSurrogate(alphabet[0]) ? 2 : 1;
        for (var i = 0; i < length; i++)
        {
            var at = random.Next(alphabet.Length / step) * step;
            text.Append(alphabet, at, step);
        }
        return text.ToString();
    }
}
