//! The engine's one error type. Each area has its own variant family; `kind()` is a
//! stable code that the command line and the desktop shell branch on. Messages meant
//! for users are Chinese first, then English.

use std::path::PathBuf;

/// Everything that can go wrong in the engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("口令错误或文件不是明镜案件 / wrong passphrase or not a case file: {}", .0.display())]
    WrongPassphraseOrNotCase(PathBuf),
    #[error("案件文件已存在 / case file already exists: {}", .0.display())]
    CaseExists(PathBuf),
    #[error("案件文件不存在 / case file not found: {}", .0.display())]
    CaseNotFound(PathBuf),
    #[error("案件文件由更新版本的明镜写入(版本 {found}),请升级 / case file written by a newer Mingjing (schema {found}, this build knows {known})")]
    NewerSchema { found: i64, known: i64 },
    #[error("口令不能为空 / the passphrase must not be empty")]
    EmptyPassphrase,
    #[error("无法读取文件 / cannot read file {}: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("无法识别文件类型 / cannot tell the kind of {}: {reason}", path.display())]
    UnknownKind { path: PathBuf, reason: String },
    #[error("映射文件有误 / bad mapping file {}: {reason}", path.display())]
    BadMapping { path: PathBuf, reason: String },
    #[error("操作已取消 / cancelled")]
    Cancelled,
    #[error("未找到 / not found: {0}")]
    NotFound(String),
    #[error("参数有误 / invalid argument: {0}")]
    InvalidArgument(String),
    #[error("预警{alert}当前为{state},不能{action} / alert {alert} is {state_code}: cannot {action_code}")]
    IllegalTransition {
        alert: String,
        state: &'static str,
        state_code: &'static str,
        action: &'static str,
        action_code: &'static str,
    },
    #[error("用户模型有误 / bad user model {model}: {reason}")]
    BadUserModel { model: String, reason: String },
    #[error("审计日志校验失败 / audit log broken at entry {seq}: {reason}")]
    AuditBroken { seq: i64, reason: String },
    #[error("案件数据库错误 / case database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("读写错误 / I/O error: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// A stable, machine-readable code for this error.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::WrongPassphraseOrNotCase(_) => "wrong_passphrase",
            Error::CaseExists(_) => "case_exists",
            Error::CaseNotFound(_) => "case_not_found",
            Error::NewerSchema { .. } => "newer_schema",
            Error::EmptyPassphrase => "empty_passphrase",
            Error::Unreadable { .. } => "unreadable_file",
            Error::UnknownKind { .. } => "unknown_kind",
            Error::BadMapping { .. } => "bad_mapping",
            Error::Cancelled => "cancelled",
            Error::NotFound(_) => "not_found",
            Error::InvalidArgument(_) => "invalid_argument",
            Error::IllegalTransition { .. } => "illegal_transition",
            Error::BadUserModel { .. } => "bad_user_model",
            Error::AuditBroken { .. } => "audit_broken",
            Error::Database(_) => "database",
            Error::Io(_) => "io",
        }
    }

    /// True when the fault lies in what the user gave (wrong passphrase, bad file,
    /// bad argument) rather than in the machine or the program.
    pub fn is_user_error(&self) -> bool {
        !matches!(self, Error::Database(_) | Error::Io(_))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
