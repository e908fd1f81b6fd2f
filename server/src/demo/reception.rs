//! Demo office hours: Kadri in Tallinn four mornings and afternoons a week, Jaan in Tartu every
//! weekday, 45-minute consultations with 15 minutes between them.

use chrono::{NaiveTime, Weekday};
use tugi_app::db::{self, Tx};
use tugi_app::domain::office_hours::{NewWindow, DEFAULT_BUFFER_MINUTES, DEFAULT_SLOT_MINUTES};
use tugi_app::error::AppError;

pub async fn load(
    tx: &mut Tx,
    (tallinn, kadri): (i64, i64),
    (tartu, jaan): (i64, i64),
) -> Result<(), AppError> {
    use Weekday::*;
    let hours = |office_id, weekday, start: u32, end: u32| NewWindow {
        office_id,
        weekday,
        start: NaiveTime::from_hms_opt(start, 0, 0).unwrap_or_default(),
        end: NaiveTime::from_hms_opt(end, 0, 0).unwrap_or_default(),
        slot_minutes: DEFAULT_SLOT_MINUTES,
        buffer_minutes: DEFAULT_BUFFER_MINUTES,
    };
    for weekday in [Mon, Tue, Wed, Thu] {
        db::office_hours::add_window(tx, kadri, &hours(tallinn, weekday, 10, 16)).await?;
    }
    for weekday in [Mon, Tue, Wed, Thu, Fri] {
        db::office_hours::add_window(tx, jaan, &hours(tartu, weekday, 9, 17)).await?;
    }
    Ok(())
}
