//! The one error type that crosses the server-function boundary. Each variant maps to an HTTP
//! status (see `status_code`); the UI turns it into a translated message.

use crate::domain::FieldErrors;
use serde::{Deserialize, Serialize};
use server_fn::{codec::JsonEncoding, error::FromServerFnError, ServerFnError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Not logged in.
    #[error("not logged in")]
    Unauthenticated,
    /// Logged in, but the role does not allow it.
    #[error("forbidden")]
    Forbidden,
    /// Unknown id, or an id the user may not know about.
    #[error("not found")]
    NotFound,
    /// The submitted form has fields that need fixing.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// The request itself is malformed (missing or mistyped arguments).
    #[error("bad request")]
    BadRequest,
    /// Too many attempts in a short time.
    #[error("too many requests")]
    TooManyRequests,
    /// The database cannot be reached or is restarting: worth trying again in a moment.
    #[error("service unavailable")]
    Unavailable,
    /// Something failed on the server; details are logged, never shown.
    #[error("internal error")]
    Internal,
}

impl AppError {
    pub fn status_code(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            AppError::Unauthenticated => S::UNAUTHORIZED,
            AppError::Forbidden => S::FORBIDDEN,
            AppError::NotFound => S::NOT_FOUND,
            AppError::Invalid(_) => S::UNPROCESSABLE_ENTITY,
            AppError::BadRequest => S::BAD_REQUEST,
            AppError::TooManyRequests => S::TOO_MANY_REQUESTS,
            AppError::Unavailable => S::SERVICE_UNAVAILABLE,
            AppError::Internal => S::INTERNAL_SERVER_ERROR,
        }
    }

    /// The field errors, when this is a validation failure.
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Invalid(errors) => Some(errors),
            _ => None,
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Invalid(errors)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: server_fn::error::ServerFnErrorErr) -> Self {
        use server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Args(_) | E::MissingArg(_) | E::Deserialization(_) => AppError::BadRequest,
            E::UnsupportedRequestMethod(_) => AppError::BadRequest,
            _ => AppError::Internal,
        }
    }
}

impl From<ServerFnError> for AppError {
    fn from(_: ServerFnError) -> Self {
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        if crate::db::is_unavailable(&error) {
            tracing::warn!(%error, "database unavailable");
            AppError::Unavailable
        } else {
            tracing::error!(%error, "database error");
            AppError::Internal
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::migrate::MigrateError> for AppError {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        tracing::error!(%error, "migration error");
        AppError::Internal
    }
}
