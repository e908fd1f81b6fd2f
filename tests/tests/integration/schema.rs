//! The SQLite and PostgreSQL migrations are two spellings of one schema. This test migrates a
//! fresh database of each kind, reads back what each database holds (tables, columns with
//! normalised types, nullability and defaults, primary keys, indexes, uniqueness, foreign keys,
//! check constraints, triggers) and fails on any difference not listed in `INTENDED`.

use crate::helpers::{postgres_url, SqliteFile};
use sqlx::Row;
use std::collections::BTreeSet;
use tugi_app::db::Db;
use tugi_app::domain::matching::{CloseReason, MatchStatus, Meeting, VolunteerStatus};
use tugi_app::domain::office_hours::ExceptionKind;
use tugi_app::domain::reintegration::{CaseStatus, Relation};
use tugi_app::domain::schedule::EventStatus;
use tugi_app::domain::workshops::{Category, Eligibility, Mark, PlaceKind, RegistrationStatus};
use tugi_app::domain::{
    AssignmentStatus, ChecklistItem, ChecklistStatus, Code, EndReason, Gender, HouseholdStatus,
    InterfaceLanguage, Level, Programme, Role, SupportStatus,
};

/// Differences that are meant: PostgreSQL enforces "one booking per resource at a time" with an
/// exclusion constraint; SQLite gets the same guarantee from its single writer (`BEGIN
/// IMMEDIATE` and the overlap check inside the transaction).
/// A new migration is written for both databases and this test shows what still differs.
const INTENDED: &[&str] = &["postgres only: exclusion occupancy: [ends_at,resource,starts_at] []"];

type Facts = BTreeSet<String>;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_migrations_build_the_same_schema() {
    let sqlite = SqliteFile::fresh().await;
    sqlite.db.migrate().await.expect("sqlite migrations");
    let postgres = Db::connect(&postgres_url().await).await.expect("postgres");
    postgres.migrate().await.expect("postgres migrations");

    let lite = sqlite_facts(&sqlite.db).await;
    let pg = postgres_facts(&postgres).await;
    sqlite.close().await;
    postgres.close().await;

    assert!(lite.iter().filter(|f| f.starts_with("table ")).count() > 20);
    assert!(lite.iter().any(|f| f.starts_with("check ")));
    assert!(lite.iter().any(|f| f.starts_with("fk ")));
    let mut differences: Vec<String> = lite
        .difference(&pg)
        .map(|f| format!("sqlite only: {f}"))
        .chain(pg.difference(&lite).map(|f| format!("postgres only: {f}")))
        .collect();
    let unexplained: Vec<&String> = differences
        .iter()
        .filter(|d| !INTENDED.contains(&d.as_str()))
        .collect();
    assert!(
        unexplained.is_empty(),
        "the migrations have drifted apart:\n{}",
        unexplained
            .iter()
            .map(|d| d.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    // An intended difference that no longer exists should be removed from the list.
    differences.sort();
    for intended in INTENDED {
        assert!(
            differences.iter().any(|d| d == intended),
            "`{intended}` is listed as intended but no longer differs"
        );
    }
}

/// Every code of a closed set.
fn all<T: Code>() -> Vec<&'static str> {
    T::all().iter().map(|value| value.code()).collect()
}

fn codes<T: Code>(values: &[T]) -> Vec<&'static str> {
    values.iter().map(|value| value.code()).collect()
}

/// Columns that hold a value of a closed set, with the codes their check constraint must admit:
/// the set's codes (or the named part of it), so that the enum and the schema cannot disagree.
fn closed_set_columns() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    vec![
        ("accounts", "language", all::<InterfaceLanguage>()),
        ("account_roles", "role", all::<Role>()),
        ("households", "status", all::<HouseholdStatus>()),
        ("members", "gender", all::<Gender>()),
        ("volunteer_programmes", "programme", all::<Programme>()),
        ("support_profiles", "status", all::<SupportStatus>()),
        ("assignments", "status", all::<AssignmentStatus>()),
        ("assignments", "end_reason", all::<EndReason>()),
        ("checklist_items", "item", all::<ChecklistItem>()),
        ("checklist_items", "status", all::<ChecklistStatus>()),
        ("events", "status", all::<EventStatus>()),
        ("office_hour_exceptions", "kind", all::<ExceptionKind>()),
        ("volunteer_profiles", "status", all::<VolunteerStatus>()),
        (
            "volunteer_profiles",
            "gender",
            codes(&[Gender::Female, Gender::Male, Gender::Other]),
        ),
        ("volunteer_languages", "level", all::<Level>()),
        ("match_requests", "programme", all::<Programme>()),
        (
            "match_requests",
            "gender",
            codes(&[Gender::Female, Gender::Male]),
        ),
        ("match_requests", "meeting", all::<Meeting>()),
        ("matches", "status", all::<MatchStatus>()),
        ("matches", "close_reason", all::<CloseReason>()),
        ("activity_types", "category", all::<Category>()),
        ("series", "place_kind", all::<PlaceKind>()),
        ("series", "eligibility", all::<Eligibility>()),
        ("registrations", "status", all::<RegistrationStatus>()),
        ("attendance", "status", all::<Mark>()),
        ("return_cases", "status", all::<CaseStatus>()),
        ("return_cases", "gender", all::<Gender>()),
        ("return_cases", "language", all::<InterfaceLanguage>()),
        ("return_case_members", "relation", all::<Relation>()),
        ("return_case_members", "gender", all::<Gender>()),
        ("return_case_steps", "from_status", all::<CaseStatus>()),
        ("return_case_steps", "to_status", all::<CaseStatus>()),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_constraints_admit_exactly_the_codes_of_each_closed_set() {
    let sqlite = SqliteFile::fresh().await;
    sqlite.db.migrate().await.expect("sqlite migrations");
    let facts = sqlite_facts(&sqlite.db).await;
    sqlite.close().await;
    let mut wrong = Vec::new();
    for (table, column, codes) in closed_set_columns() {
        let admitted: BTreeSet<String> = codes.iter().map(|c| format!("'{c}'")).collect();
        let expected = format!(
            "check {table}: [{column}] [{}]",
            admitted.into_iter().collect::<Vec<_>>().join(",")
        );
        if !facts.contains(&expected) {
            let found: Vec<&String> = facts
                .iter()
                .filter(|f| f.starts_with(&format!("check {table}: [{column}]")))
                .collect();
            wrong.push(format!("expected `{expected}`, found {found:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

async fn sqlite_facts(db: &Db) -> Facts {
    let mut facts = Facts::new();
    let tables: Vec<(String, String)> = sqlx::query(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx_%' ORDER BY name",
    )
    .fetch_all(db.pool())
    .await
    .expect("tables")
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect();
    for (table, sql) in &tables {
        facts.insert(format!("table {table}"));
        let columns = sqlx::query(
            "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid",
        )
        .bind(table)
        .fetch_all(db.pool())
        .await
        .expect("columns");
        let mut names = Vec::new();
        let mut key: Vec<(i64, String)> = Vec::new();
        for c in &columns {
            let name: String = c.get(0);
            let declared: String = c.get(1);
            let pk: i64 = c.get(4);
            let not_null = c.get::<i64, _>(2) == 1 || pk > 0;
            let default: Option<String> = c.get(3);
            let kind = match declared.to_ascii_uppercase().as_str() {
                "INTEGER" => "int64".to_string(),
                "TEXT" => "text".to_string(),
                "REAL" => "float64".to_string(),
                other => format!("unknown {other}"),
            };
            facts.insert(column_fact(table, &name, &kind, not_null, default));
            if pk > 0 {
                key.push((pk, name.clone()));
            }
            names.push(name);
        }
        key.sort();
        let key: Vec<String> = key.into_iter().map(|(_, n)| n).collect();
        facts.insert(format!("pk {table} ({})", key.join(",")));
        for check in check_clauses(sql) {
            facts.insert(format!("check {table}: {}", signature(&check, &names)));
        }
        let indexes = sqlx::query(
            "SELECT il.name, il.\"unique\", il.origin, \
                    (SELECT group_concat(COALESCE(ii.name, '<expr>'), ',') \
                       FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno) ii), \
                    (SELECT sql FROM sqlite_master m WHERE m.type = 'index' AND m.name = il.name) \
             FROM pragma_index_list(?) il WHERE il.origin <> 'pk'",
        )
        .bind(table)
        .fetch_all(db.pool())
        .await
        .expect("indexes");
        for i in &indexes {
            let name: String = i.get(0);
            let unique: i64 = i.get(1);
            let origin: String = i.get(2);
            let columns: String = i.get(3);
            let sql: Option<String> = i.get(4);
            let predicate = sql
                .as_deref()
                .and_then(|s| s.split_once(" WHERE ").map(|(_, p)| p.to_string()));
            let name = (origin == "c").then_some(name);
            facts.insert(index_fact(
                table,
                name.as_deref(),
                unique == 1,
                &columns,
                predicate.as_deref(),
                &names,
            ));
        }
        let keys = sqlx::query(
            "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?) \
             ORDER BY id, seq",
        )
        .bind(table)
        .fetch_all(db.pool())
        .await
        .expect("foreign keys");
        let mut grouped: std::collections::BTreeMap<
            i64,
            (String, Vec<String>, Vec<String>, String),
        > = Default::default();
        for k in &keys {
            let entry = grouped
                .entry(k.get(0))
                .or_insert_with(|| (k.get(1), Vec::new(), Vec::new(), k.get::<String, _>(4)));
            entry.1.push(k.get(2));
            entry
                .2
                .push(k.get::<Option<String>, _>(3).unwrap_or_else(|| "id".into()));
        }
        for (target, from, to, on_delete) in grouped.into_values() {
            facts.insert(format!(
                "fk {table} ({}) -> {target} ({}) on delete {}",
                from.join(","),
                to.join(","),
                on_delete.to_ascii_lowercase()
            ));
        }
    }
    for t in sqlx::query("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        .fetch_all(db.pool())
        .await
        .expect("triggers")
    {
        facts.insert(format!(
            "trigger {} {}",
            t.get::<String, _>(0),
            t.get::<String, _>(1)
        ));
    }
    facts
}

async fn postgres_facts(db: &Db) -> Facts {
    let mut facts = Facts::new();
    let tables: Vec<String> = sqlx::query(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' \
         AND table_name NOT LIKE '\\_sqlx\\_%' ORDER BY 1",
    )
    .fetch_all(db.pool())
    .await
    .expect("tables")
    .iter()
    .map(|r| r.get(0))
    .collect();
    for table in &tables {
        facts.insert(format!("table {table}"));
        let columns = sqlx::query(
            "SELECT column_name::text, data_type::text, is_nullable::text, column_default::text \
             FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
        )
        .bind(table)
        .fetch_all(db.pool())
        .await
        .expect("columns");
        let mut names = Vec::new();
        for c in &columns {
            let name: String = c.get(0);
            let data_type: String = c.get(1);
            let kind = match data_type.as_str() {
                "bigint" => "int64".to_string(),
                "text" => "text".to_string(),
                "double precision" => "float64".to_string(),
                other => format!("unknown {other}"),
            };
            let default = c.get::<Option<String>, _>(3).map(|d| strip_casts(&d));
            facts.insert(column_fact(
                table,
                &name,
                &kind,
                c.get::<String, _>(2) == "NO",
                default,
            ));
            names.push(name);
        }
        let key: Option<String> = sqlx::query(
            "SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) \
             FROM pg_constraint c \
             CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY k(num, ord) \
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num \
             WHERE c.contype = 'p' AND c.conrelid = ('public.' || $1)::regclass",
        )
        .bind(table)
        .fetch_one(db.pool())
        .await
        .expect("primary key")
        .get(0);
        facts.insert(format!("pk {table} ({})", key.unwrap_or_default()));
        let constraints = sqlx::query(
            "SELECT contype::text, pg_get_constraintdef(oid) FROM pg_constraint \
             WHERE conrelid = ('public.' || $1)::regclass AND contype IN ('c', 'x')",
        )
        .bind(table)
        .fetch_all(db.pool())
        .await
        .expect("constraints");
        for c in &constraints {
            let kind: String = c.get(0);
            let definition: String = c.get(1);
            let definition = strip_casts(&definition);
            facts.insert(match kind.as_str() {
                "c" => format!("check {table}: {}", signature(&definition, &names)),
                _ => format!("exclusion {table}: {}", signature(&definition, &names)),
            });
        }
        let indexes = sqlx::query(
            "SELECT i.relname::text, CASE WHEN ix.indisunique THEN 1 ELSE 0 END, \
                    EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid), \
                    (SELECT string_agg(COALESCE(a.attname::text, '<expr>'), ',' ORDER BY k.ord) \
                       FROM unnest(ix.indkey) WITH ORDINALITY k(num, ord) \
                       LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.num), \
                    pg_get_expr(ix.indpred, ix.indrelid) \
             FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid \
             WHERE ix.indrelid = ('public.' || $1)::regclass AND NOT ix.indisprimary \
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c \
                               WHERE c.conindid = ix.indexrelid AND c.contype = 'x')",
        )
        .bind(table)
        .fetch_all(db.pool())
        .await
        .expect("indexes");
        for i in &indexes {
            let name: String = i.get(0);
            let unique: i32 = i.get(1);
            let backs_constraint: bool = i.get(2);
            let columns: String = i.get(3);
            let predicate: Option<String> = i.get(4);
            let name = (!backs_constraint).then_some(name);
            facts.insert(index_fact(
                table,
                name.as_deref(),
                unique == 1,
                &columns,
                predicate.map(|p| strip_casts(&p)).as_deref(),
                &names,
            ));
        }
        let keys = sqlx::query(
            "SELECT c.confrelid::regclass::text, \
                    (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) \
                       FROM unnest(c.conkey) WITH ORDINALITY k(num, ord) \
                       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num), \
                    (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) \
                       FROM unnest(c.confkey) WITH ORDINALITY k(num, ord) \
                       JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num), \
                    c.confdeltype::text \
             FROM pg_constraint c \
             WHERE c.contype = 'f' AND c.conrelid = ('public.' || $1)::regclass",
        )
        .bind(table)
        .fetch_all(db.pool())
        .await
        .expect("foreign keys");
        for k in &keys {
            let on_delete = match k.get::<String, _>(3).as_str() {
                "c" => "cascade",
                "n" => "set null",
                "d" => "set default",
                "r" => "restrict",
                _ => "no action",
            };
            facts.insert(format!(
                "fk {table} ({}) -> {} ({}) on delete {on_delete}",
                k.get::<String, _>(1),
                k.get::<String, _>(0),
                k.get::<String, _>(2),
            ));
        }
    }
    for t in sqlx::query(
        "SELECT DISTINCT event_object_table::text, trigger_name::text \
         FROM information_schema.triggers WHERE trigger_schema = 'public'",
    )
    .fetch_all(db.pool())
    .await
    .expect("triggers")
    {
        facts.insert(format!(
            "trigger {} {}",
            t.get::<String, _>(0),
            t.get::<String, _>(1)
        ));
    }
    facts
}

fn column_fact(
    table: &str,
    name: &str,
    kind: &str,
    not_null: bool,
    default: Option<String>,
) -> String {
    format!(
        "column {table}.{name} {kind}{}{}",
        if not_null { " not null" } else { "" },
        match default {
            Some(d) if !d.eq_ignore_ascii_case("NULL") => format!(" default {d}"),
            _ => String::new(),
        }
    )
}

fn index_fact(
    table: &str,
    name: Option<&str>,
    unique: bool,
    columns: &str,
    predicate: Option<&str>,
    table_columns: &[String],
) -> String {
    format!(
        "{}index {table}{} ({columns}){}",
        if unique { "unique " } else { "" },
        name.map(|n| format!(" {n}")).unwrap_or_default(),
        predicate
            .map(|p| format!(" where {}", signature(p, table_columns)))
            .unwrap_or_default()
    )
}

/// The `CHECK (...)` clauses of a `CREATE TABLE` statement as SQLite keeps it.
fn check_clauses(sql: &str) -> Vec<String> {
    let upper = sql.to_ascii_uppercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = upper[from..].find("CHECK") {
        let start = from + at;
        // A word of its own: not `check_ins` or `checklist_items`.
        let before = upper[..start].chars().next_back();
        let after = upper[start + 5..].chars().next();
        let is_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        if is_word(before) || is_word(after) {
            from = start + 5;
            continue;
        }
        let Some(open) = sql[start..].find('(').map(|o| start + o) else {
            break;
        };
        let mut depth = 0;
        let mut in_string = false;
        let mut end = open;
        for (i, ch) in sql[open..].char_indices() {
            match ch {
                '\'' => in_string = !in_string,
                '(' if !in_string => depth += 1,
                ')' if !in_string => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        found.push(sql[open..=end].to_string());
        from = end + 1;
    }
    found
}

/// PostgreSQL writes constants with their type (`'et'::text`, `0::bigint`).
fn strip_casts(expression: &str) -> String {
    let mut out = String::new();
    let mut rest = expression;
    while let Some(at) = rest.find("::") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let skip = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '[' || c == ']'))
            .unwrap_or(after.len());
        rest = &after[skip..];
    }
    out.push_str(rest);
    out.trim_matches(|c| c == '(' || c == ')').to_string()
}

/// What a condition is about, in a form both databases agree on: the columns it names and the
/// constants it compares with. (PostgreSQL rewrites `IN (...)` and `BETWEEN`, so the text
/// itself cannot be compared.)
fn signature(expression: &str, columns: &[String]) -> String {
    let mut named = BTreeSet::new();
    let mut constants = BTreeSet::new();
    let chars: Vec<char> = expression.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            let mut literal = String::new();
            i += 1;
            while i < chars.len() {
                if chars[i] == '\'' {
                    if chars.get(i + 1) == Some(&'\'') {
                        literal.push('\'');
                        i += 2;
                        continue;
                    }
                    break;
                }
                literal.push(chars[i]);
                i += 1;
            }
            constants.insert(format!("'{literal}'"));
        } else if c.is_ascii_digit() {
            let start = i;
            while i + 1 < chars.len() && (chars[i + 1].is_ascii_digit() || chars[i + 1] == '.') {
                i += 1;
            }
            constants.insert(chars[start..=i].iter().collect());
        } else if c.is_ascii_alphabetic() || c == '_' || c == '"' {
            let start = i;
            while i + 1 < chars.len()
                && (chars[i + 1].is_ascii_alphanumeric()
                    || chars[i + 1] == '_'
                    || chars[i + 1] == '"')
            {
                i += 1;
            }
            let word: String = chars[start..=i].iter().filter(|c| **c != '"').collect();
            if columns.iter().any(|n| n.eq_ignore_ascii_case(&word)) {
                named.insert(word.to_ascii_lowercase());
            }
        }
        i += 1;
    }
    format!(
        "[{}] [{}]",
        named.into_iter().collect::<Vec<_>>().join(","),
        constants.into_iter().collect::<Vec<_>>().join(",")
    )
}
