//! Figures of the volunteer programmes as the pages write them.

/// Minutes as hours with one decimal: `2.5`.
pub fn hours(minutes: i64) -> String {
    format!("{:.1}", minutes as f64 / 60.0)
}
