//! Closed sets stored as their codes. A row holding a code the program does not know fails to
//! decode (an internal error at the edge), instead of reaching a page as raw text. The check
//! constraints of the schema admit only these codes.

use crate::domain::consultation::Topic;
use crate::domain::holidays::Holiday;
use crate::domain::matching::{
    CloseReason, Criterion, HardRule, MatchStatus, Meeting, RequestStatus, TimeOfWeek,
    VolunteerStatus,
};
use crate::domain::office_hours::ExceptionKind;
use crate::domain::reintegration::{CaseStatus, Relation};
use crate::domain::schedule::{AgendaKind, EventStatus};
use crate::domain::workshops::{Eligibility, Mark, PlaceKind, RegistrationStatus, SeriesStatus};
use crate::domain::{
    AssignmentStatus, AuditAction, AuditSubject, Channel, ChecklistItem, ChecklistStatus, Code,
    ConsentPurpose, DataTable, EndReason, Gender, HelpKind, HouseholdStatus, IntakeOutcome,
    IntakeStatus, InterfaceLanguage, Language, Level, Programme, Requester, Role, SupportStatus,
};
use sqlx::any::{Any, AnyTypeInfo, AnyValueRef};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Decode, Encode, Type};

macro_rules! stored_as_code {
    ($($type:ty),+ $(,)?) => {$(
        impl Type<Any> for $type {
            fn type_info() -> AnyTypeInfo {
                <String as Type<Any>>::type_info()
            }
            fn compatible(ty: &AnyTypeInfo) -> bool {
                <String as Type<Any>>::compatible(ty)
            }
        }

        impl<'r> Decode<'r, Any> for $type {
            fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
                let code = <String as Decode<'r, Any>>::decode(value)?;
                <$type>::parse(&code).ok_or_else(|| {
                    format!("unknown {} code {code:?}", stringify!($type)).into()
                })
            }
        }

        impl<'q> Encode<'q, Any> for $type {
            fn encode_by_ref(&self, buf: &mut <Any as sqlx::Database>::ArgumentBuffer<'q>) -> Result<IsNull, BoxDynError> {
                <&str as Encode<'q, Any>>::encode(self.code(), buf)
            }
        }
    )+};
}

stored_as_code!(
    EventStatus,
    AgendaKind,
    RegistrationStatus,
    Topic,
    AssignmentStatus,
    SupportStatus,
    VolunteerStatus,
    MatchStatus,
    RequestStatus,
    HouseholdStatus,
    Role,
    Programme,
    Language,
    InterfaceLanguage,
    Level,
    Gender,
    Channel,
    ConsentPurpose,
    ChecklistItem,
    ChecklistStatus,
    EndReason,
    CloseReason,
    Meeting,
    TimeOfWeek,
    Criterion,
    HardRule,
    Mark,
    Holiday,
    CaseStatus,
    Relation,
    ExceptionKind,
    AuditAction,
    AuditSubject,
    DataTable,
    SeriesStatus,
    Eligibility,
    PlaceKind,
    Requester,
    HelpKind,
    IntakeStatus,
    IntakeOutcome,
);

/// Several codes kept in one column, comma-separated (the roles of an invitation, the languages
/// of a series). Each must be known, as a single code must.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CodeList<T>(pub Vec<T>);

impl<T: Code> CodeList<T> {
    /// The column's text for `values`.
    pub fn joined(values: &[T]) -> String {
        values
            .iter()
            .map(|v| v.code())
            .collect::<Vec<_>>()
            .join(",")
    }
}

impl<T> Type<Any> for CodeList<T> {
    fn type_info() -> AnyTypeInfo {
        <String as Type<Any>>::type_info()
    }
    fn compatible(ty: &AnyTypeInfo) -> bool {
        <String as Type<Any>>::compatible(ty)
    }
}

impl<'r, T: Code> Decode<'r, Any> for CodeList<T> {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <String as Decode<'r, Any>>::decode(value)?;
        text.split(',')
            .filter(|code| !code.is_empty())
            .map(|code| {
                T::parse(code).ok_or_else(|| format!("unknown code {code:?} in a list").into())
            })
            .collect::<Result<Vec<T>, BoxDynError>>()
            .map(CodeList)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_written_as_comma_separated_codes() {
        assert_eq!(
            CodeList::joined(&[Role::Coordinator, Role::Admin]),
            "coordinator,admin"
        );
        assert_eq!(CodeList::<Role>::joined(&[]), "");
    }
}
