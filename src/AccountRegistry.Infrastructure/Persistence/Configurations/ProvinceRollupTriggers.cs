namespace AccountRegistry.Infrastructure.Persistence.Configurations;

/// <summary>
/// The dashboard's zombie series as a rollup kept by its writers (issue 19): evaluation_unit_zombies holds, per stored
/// evaluation and unit, how many of the unit's accounts that run found STALE or NEVER_POSTED. Statement-level
/// triggers with transition tables keep it: rows written to evaluation_results (the evaluation's COPY included) add
/// to it, rows rewritten or deleted take back what they added, an account that moves to another unit moves its
/// counts along, and an evaluation's deletion cascades. The series then reads one row per unit and run instead of
/// every result of every run. The evaluation's own code is untouched: whoever writes results keeps the rollup.
/// Applied by the ProvinceRollups migration (<see cref="Create"/> in Up, <see cref="Drop"/> in Down).
/// </summary>
internal static class ProvinceRollupTriggers
{
    public const string Create = """
        CREATE TABLE evaluation_unit_zombies (
            evaluation_id bigint NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,
            unit_id integer NOT NULL,
            zombies integer NOT NULL,
            PRIMARY KEY (evaluation_id, unit_id)
        );

        -- Rows are touched in key order so that two concurrent writers cannot deadlock on them.
        CREATE FUNCTION dashboard_zombies_add() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO evaluation_unit_zombies AS z (evaluation_id, unit_id, zombies)
            SELECT n.evaluation_id, a.unit_id, count(*)::int
            FROM new_rows n JOIN accounts a ON a.id = n.account_id
            WHERE n.rules && ARRAY['STALE', 'NEVER_POSTED']::text[]
            GROUP BY 1, 2 ORDER BY 1, 2
            ON CONFLICT (evaluation_id, unit_id) DO UPDATE SET zombies = z.zombies + excluded.zombies;
            RETURN NULL;
        END $$;

        CREATE FUNCTION dashboard_zombies_take_back() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE evaluation_unit_zombies z SET zombies = z.zombies - d.n
            FROM (
                SELECT o.evaluation_id, a.unit_id, count(*)::int AS n
                FROM old_rows o JOIN accounts a ON a.id = o.account_id
                WHERE o.rules && ARRAY['STALE', 'NEVER_POSTED']::text[]
                GROUP BY 1, 2 ORDER BY 1, 2
            ) d
            WHERE z.evaluation_id = d.evaluation_id AND z.unit_id = d.unit_id;
            RETURN NULL;
        END $$;

        CREATE FUNCTION dashboard_zombies_rewritten() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO evaluation_unit_zombies AS z (evaluation_id, unit_id, zombies)
            SELECT k.evaluation_id, k.unit_id, sum(k.n)::int
            FROM (
                SELECT o.evaluation_id, a.unit_id, -1 AS n
                FROM old_rows o JOIN accounts a ON a.id = o.account_id
                WHERE o.rules && ARRAY['STALE', 'NEVER_POSTED']::text[]
                UNION ALL
                SELECT n.evaluation_id, a.unit_id, 1
                FROM new_rows n JOIN accounts a ON a.id = n.account_id
                WHERE n.rules && ARRAY['STALE', 'NEVER_POSTED']::text[]
            ) k
            GROUP BY 1, 2 HAVING sum(k.n) <> 0 ORDER BY 1, 2
            ON CONFLICT (evaluation_id, unit_id) DO UPDATE SET zombies = z.zombies + excluded.zombies;
            RETURN NULL;
        END $$;

        -- An account counts where it is now (as the live query joined it); a move carries its past verdicts along.
        CREATE FUNCTION dashboard_zombies_account_moved() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO evaluation_unit_zombies AS z (evaluation_id, unit_id, zombies)
            SELECT k.evaluation_id, k.unit_id, sum(k.n)::int
            FROM (
                SELECT r.evaluation_id, m.old_unit AS unit_id, -1 AS n
                FROM (SELECT o.id, o.unit_id AS old_unit FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.unit_id <> n.unit_id) m
                JOIN evaluation_results r ON r.account_id = m.id
                WHERE r.rules && ARRAY['STALE', 'NEVER_POSTED']::text[]
                UNION ALL
                SELECT r.evaluation_id, m.new_unit, 1
                FROM (SELECT n.id, n.unit_id AS new_unit FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.unit_id <> n.unit_id) m
                JOIN evaluation_results r ON r.account_id = m.id
                WHERE r.rules && ARRAY['STALE', 'NEVER_POSTED']::text[]
            ) k
            GROUP BY 1, 2 HAVING sum(k.n) <> 0 ORDER BY 1, 2
            ON CONFLICT (evaluation_id, unit_id) DO UPDATE SET zombies = z.zombies + excluded.zombies;
            RETURN NULL;
        END $$;

        CREATE FUNCTION dashboard_zombies_account_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE evaluation_unit_zombies z SET zombies = z.zombies - d.n
            FROM (
                SELECT r.evaluation_id, o.unit_id, count(*)::int AS n
                FROM old_rows o JOIN evaluation_results r ON r.account_id = o.id
                WHERE r.rules && ARRAY['STALE', 'NEVER_POSTED']::text[]
                GROUP BY 1, 2 ORDER BY 1, 2
            ) d
            WHERE z.evaluation_id = d.evaluation_id AND z.unit_id = d.unit_id;
            RETURN NULL;
        END $$;

        CREATE TRIGGER dashboard_zombies_inserted AFTER INSERT ON evaluation_results
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_zombies_add();
        CREATE TRIGGER dashboard_zombies_updated AFTER UPDATE ON evaluation_results
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_zombies_rewritten();
        CREATE TRIGGER dashboard_zombies_deleted AFTER DELETE ON evaluation_results
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_zombies_take_back();
        CREATE TRIGGER dashboard_zombies_account_updated AFTER UPDATE ON accounts
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_zombies_account_moved();
        CREATE TRIGGER dashboard_zombies_account_deleted AFTER DELETE ON accounts
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_zombies_account_deleted();

        -- The runs stored so far, once.
        INSERT INTO evaluation_unit_zombies (evaluation_id, unit_id, zombies)
        SELECT r.evaluation_id, a.unit_id, count(*)::int
        FROM evaluation_results r JOIN accounts a ON a.id = r.account_id
        WHERE r.rules && ARRAY['STALE', 'NEVER_POSTED']::text[]
        GROUP BY 1, 2;
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS dashboard_zombies_account_deleted ON accounts;
        DROP TRIGGER IF EXISTS dashboard_zombies_account_updated ON accounts;
        DROP TRIGGER IF EXISTS dashboard_zombies_deleted ON evaluation_results;
        DROP TRIGGER IF EXISTS dashboard_zombies_updated ON evaluation_results;
        DROP TRIGGER IF EXISTS dashboard_zombies_inserted ON evaluation_results;
        DROP FUNCTION IF EXISTS dashboard_zombies_account_deleted();
        DROP FUNCTION IF EXISTS dashboard_zombies_account_moved();
        DROP FUNCTION IF EXISTS dashboard_zombies_rewritten();
        DROP FUNCTION IF EXISTS dashboard_zombies_take_back();
        DROP FUNCTION IF EXISTS dashboard_zombies_add();
        DROP TABLE IF EXISTS evaluation_unit_zombies;
        """;
}
