//! Keeps the model writers' documentation true: the column lists of
//! `docs/case-schema.md` against the real kind tables, and every TOML example in
//! `docs/` against the model checks. Test-only.

use crate::kinds::Kind;
use crate::resolve::fixture::case;

const SCHEMA_DOC: &str = include_str!("../../../../docs/case-schema.md");
const USER_DOC: &str = include_str!("../../../../docs/user-models.md");

/// The documented columns of `### \`table\`` sections: the first cell of each table row.
fn documented_columns(doc: &str, table: &str) -> Vec<String> {
    let heading = format!("### `{table}`");
    let Some(start) = doc.find(&heading) else {
        return Vec::new();
    };
    let section = &doc[start + heading.len()..];
    let section = &section[..section.find("\n#").unwrap_or(section.len())];
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`').map(|(c, _)| c.to_string()))
        .collect()
}

#[test]
fn the_schema_doc_lists_every_column_of_every_kind_table() {
    let conn = case();
    for kind in Kind::ALL.into_iter().filter(|k| *k != Kind::List) {
        let mut stmt = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .unwrap();
        let real: Vec<String> = stmt
            .query_map([kind.code()], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .filter(|c: &String| {
                !["id", "file_id", "sheet", "row_no", "fp", "extra"].contains(&c.as_str())
            })
            .collect();
        assert_eq!(documented_columns(SCHEMA_DOC, kind.code()), real, "{kind}");
    }
}

fn toml_blocks(doc: &str) -> Vec<&str> {
    doc.split("```toml\n")
        .skip(1)
        .filter_map(|b| b.split_once("\n```").map(|(t, _)| t))
        .collect()
}

#[test]
fn every_example_model_in_the_docs_passes_the_checks() {
    let conn = case();
    let blocks: Vec<&str> = toml_blocks(SCHEMA_DOC)
        .into_iter()
        .chain(toml_blocks(USER_DOC))
        .collect();
    assert_eq!(blocks.len(), 4);
    for block in blocks {
        if let Err(err) = super::user::validate(&conn, block) {
            panic!("{err}\n{block}");
        }
    }
}
