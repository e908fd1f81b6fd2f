//! Choices in forms: an id and a name.

use serde::{Deserialize, Serialize};

/// An id and a name, for choices in forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i64,
    pub name: String,
}

#[cfg(feature = "ssr")]
pub(crate) fn office_choices(rows: &[crate::db::offices::OfficeRow]) -> Vec<Choice> {
    rows.iter()
        .map(|o| Choice {
            id: o.id,
            name: o.name.clone(),
        })
        .collect()
}
