//! The alert as JSON, exactly as `shared/spec/cli.md` prints it (`models run --format
//! jsonl`): `id`, `model`, `severity`, `state`, `subjects`, `summary`, `evidence`, in
//! that order. Borrowed views of an [`AlertView`]; the command line serialises them.

use serde::Serialize;

use super::AlertView;

/// One alert in the command line's JSON form.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlertJson<'a> {
    pub id: String,
    pub model: &'a str,
    pub severity: &'static str,
    pub state: &'static str,
    pub subjects: Vec<AlertSubjectJson<'a>>,
    pub summary: &'a str,
    pub evidence: Vec<AlertEvidenceJson<'a>>,
}

/// `{"type", "id", "name", "role"}`; `id` is the canonical identifier.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlertSubjectJson<'a> {
    #[serde(rename = "type")]
    pub subject_type: &'static str,
    pub id: &'a str,
    pub name: &'a str,
    pub role: &'a str,
}

/// `{"file_sha256", "file_name", "sheet", "row"}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlertEvidenceJson<'a> {
    pub file_sha256: Option<&'a str>,
    pub file_name: Option<&'a str>,
    pub sheet: Option<&'a str>,
    pub row: Option<i64>,
}

impl AlertView {
    /// The alert in the command line's JSON form.
    pub fn json(&self) -> AlertJson<'_> {
        AlertJson {
            id: self.id.to_string(),
            model: &self.model,
            severity: self.severity.code(),
            state: self.state.code(),
            subjects: self
                .subjects
                .iter()
                .map(|s| AlertSubjectJson {
                    subject_type: s.subject_type.code(),
                    id: &s.id,
                    name: &s.name,
                    role: &s.role,
                })
                .collect(),
            summary: &self.summary,
            evidence: self
                .evidence
                .iter()
                .map(|e| AlertEvidenceJson {
                    file_sha256: e.file_sha256.as_deref(),
                    file_name: e.file_name.as_deref(),
                    sheet: e.sheet.as_deref(),
                    row: e.row_no,
                })
                .collect(),
        }
    }

    /// One line of `--format jsonl`.
    pub fn json_line(&self) -> String {
        // Serialising plain strings and numbers cannot fail.
        serde_json::to_string(&self.json()).unwrap_or_default()
    }
}
