namespace AccountRegistry.Infrastructure.Persistence.Configurations;

/// <summary>
/// Keeps the rules' daily rollup (account_days) honest whoever writes the raw rows (file import, collector API, a
/// backfill, a hand-run SQL): statement-level triggers on posts, read_snapshots and near_duplicates mark the affected
/// (account, Shanghai day) pairs in account_days_pending, and every evaluation first recomputes exactly those pairs.
/// Statement-level with transition tables, so a bulk COPY costs one set-based INSERT, not a trigger call per row;
/// rewriting identical rows (an import run twice) marks nothing.
/// Applied by the RulesAndFlags migration (<see cref="Create"/> in Up, <see cref="Drop"/> in Down): when that
/// migration is regenerated (rebase), run add-account-day-triggers.py beside this file to put the two calls back.
/// </summary>
internal static class AccountDayTriggers
{
    public const string Create = """
        CREATE OR REPLACE FUNCTION rules_shanghai_day(at timestamptz) RETURNS date
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT ((at AT TIME ZONE 'UTC') + interval '8 hours')::date $$;

        CREATE OR REPLACE FUNCTION rules_shanghai_start(day date) RETURNS timestamptz
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT (day::timestamp - interval '8 hours') AT TIME ZONE 'UTC' $$;

        -- Pending keys are inserted in key order so that two concurrent imports cannot deadlock on them.
        CREATE OR REPLACE FUNCTION rules_pending_posts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO account_days_pending (account_id, day)
            SELECT DISTINCT account_id, rules_shanghai_day(published_at) FROM new_rows ORDER BY 1, 2
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION rules_pending_posts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO account_days_pending (account_id, day)
            SELECT DISTINCT k.account_id, k.day
            FROM (
                SELECT o.account_id, rules_shanghai_day(o.published_at) AS day
                FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.account_id, o.published_at, o.is_original) IS DISTINCT FROM (n.account_id, n.published_at, n.is_original)
                UNION ALL
                SELECT n.account_id, rules_shanghai_day(n.published_at)
                FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.account_id, o.published_at, o.is_original) IS DISTINCT FROM (n.account_id, n.published_at, n.is_original)
                UNION ALL
                -- Copies of a post that moved in time or to another account may start or stop counting.
                SELECT c.account_id, rules_shanghai_day(c.published_at)
                FROM old_rows o
                JOIN new_rows n ON n.id = o.id
                JOIN near_duplicates nd ON nd.source_post_id = n.id
                JOIN posts c ON c.id = nd.post_id
                WHERE (o.account_id, o.published_at) IS DISTINCT FROM (n.account_id, n.published_at)
            ) k
            ORDER BY 1, 2
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION rules_pending_posts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO account_days_pending (account_id, day)
            SELECT DISTINCT account_id, rules_shanghai_day(published_at) FROM old_rows ORDER BY 1, 2
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION rules_pending_snapshots_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO account_days_pending (account_id, day)
            SELECT DISTINCT p.account_id, rules_shanghai_day(p.published_at)
            FROM (SELECT DISTINCT post_id FROM new_rows) s JOIN posts p ON p.id = s.post_id
            ORDER BY 1, 2
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION rules_pending_snapshots_updated() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO account_days_pending (account_id, day)
            SELECT DISTINCT p.account_id, rules_shanghai_day(p.published_at)
            FROM (
                SELECT n.post_id FROM new_rows n
                WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.post_id = n.post_id AND o.captured_at = n.captured_at AND o.reads = n.reads)
                UNION
                SELECT o.post_id FROM old_rows o
                WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.post_id = o.post_id AND n.captured_at = o.captured_at)
            ) s
            JOIN posts p ON p.id = s.post_id
            ORDER BY 1, 2
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION rules_pending_snapshots_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            -- When the posts themselves are being deleted they are gone here; their own trigger marked the days.
            INSERT INTO account_days_pending (account_id, day)
            SELECT DISTINCT p.account_id, rules_shanghai_day(p.published_at)
            FROM (SELECT DISTINCT post_id FROM old_rows) s JOIN posts p ON p.id = s.post_id
            ORDER BY 1, 2
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION rules_pending_copies_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO account_days_pending (account_id, day)
            SELECT DISTINCT p.account_id, rules_shanghai_day(p.published_at)
            FROM (SELECT DISTINCT post_id FROM new_rows) s JOIN posts p ON p.id = s.post_id
            ORDER BY 1, 2
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION rules_pending_copies_updated() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO account_days_pending (account_id, day)
            SELECT DISTINCT p.account_id, rules_shanghai_day(p.published_at)
            FROM (SELECT post_id FROM new_rows UNION SELECT post_id FROM old_rows) s JOIN posts p ON p.id = s.post_id
            ORDER BY 1, 2
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION rules_pending_copies_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO account_days_pending (account_id, day)
            SELECT DISTINCT p.account_id, rules_shanghai_day(p.published_at)
            FROM (SELECT DISTINCT post_id FROM old_rows) s JOIN posts p ON p.id = s.post_id
            ORDER BY 1, 2
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$;

        CREATE TRIGGER rules_posts_inserted AFTER INSERT ON posts
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rules_pending_posts_inserted();
        CREATE TRIGGER rules_posts_updated AFTER UPDATE ON posts
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rules_pending_posts_updated();
        CREATE TRIGGER rules_posts_deleted AFTER DELETE ON posts
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rules_pending_posts_deleted();
        CREATE TRIGGER rules_snapshots_inserted AFTER INSERT ON read_snapshots
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rules_pending_snapshots_inserted();
        CREATE TRIGGER rules_snapshots_updated AFTER UPDATE ON read_snapshots
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rules_pending_snapshots_updated();
        CREATE TRIGGER rules_snapshots_deleted AFTER DELETE ON read_snapshots
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rules_pending_snapshots_deleted();
        CREATE TRIGGER rules_copies_inserted AFTER INSERT ON near_duplicates
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rules_pending_copies_inserted();
        CREATE TRIGGER rules_copies_updated AFTER UPDATE ON near_duplicates
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rules_pending_copies_updated();
        CREATE TRIGGER rules_copies_deleted AFTER DELETE ON near_duplicates
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rules_pending_copies_deleted();

        -- Rows that exist before this migration: every day of every account is pending, so the first evaluation
        -- builds the rollup.
        INSERT INTO account_days_pending (account_id, day)
        SELECT DISTINCT account_id, rules_shanghai_day(published_at) FROM posts
        ON CONFLICT DO NOTHING;
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS rules_posts_inserted ON posts;
        DROP TRIGGER IF EXISTS rules_posts_updated ON posts;
        DROP TRIGGER IF EXISTS rules_posts_deleted ON posts;
        DROP TRIGGER IF EXISTS rules_snapshots_inserted ON read_snapshots;
        DROP TRIGGER IF EXISTS rules_snapshots_updated ON read_snapshots;
        DROP TRIGGER IF EXISTS rules_snapshots_deleted ON read_snapshots;
        DROP TRIGGER IF EXISTS rules_copies_inserted ON near_duplicates;
        DROP TRIGGER IF EXISTS rules_copies_updated ON near_duplicates;
        DROP TRIGGER IF EXISTS rules_copies_deleted ON near_duplicates;
        DROP FUNCTION IF EXISTS rules_pending_posts_inserted();
        DROP FUNCTION IF EXISTS rules_pending_posts_updated();
        DROP FUNCTION IF EXISTS rules_pending_posts_deleted();
        DROP FUNCTION IF EXISTS rules_pending_snapshots_inserted();
        DROP FUNCTION IF EXISTS rules_pending_snapshots_updated();
        DROP FUNCTION IF EXISTS rules_pending_snapshots_deleted();
        DROP FUNCTION IF EXISTS rules_pending_copies_inserted();
        DROP FUNCTION IF EXISTS rules_pending_copies_updated();
        DROP FUNCTION IF EXISTS rules_pending_copies_deleted();
        DROP FUNCTION IF EXISTS rules_shanghai_start(date);
        DROP FUNCTION IF EXISTS rules_shanghai_day(timestamptz);
        """;
}
