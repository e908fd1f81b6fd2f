//! Closed sets stored as their codes. A row holding a code the program does not know fails to
//! decode (an internal error at the edge), instead of reaching a page as raw text. The check
//! constraints of the schema admit only these codes.

use crate::domain::consultation::Topic;
use crate::domain::holidays::Holiday;
use crate::domain::matching::{
    CloseReason, Criterion, HardRule, MatchStatus, Meeting, TimeOfWeek, VolunteerStatus,
};
use crate::domain::office_hours::ExceptionKind;
use crate::domain::schedule::{AgendaKind, EventStatus};
use crate::domain::workshops::{Mark, RegistrationStatus};
use crate::domain::{
    AssignmentStatus, Channel, ChecklistItem, ChecklistStatus, ConsentPurpose, EndReason, Gender,
    HouseholdStatus, InterfaceLanguage, Language, Level, Programme, Role, SupportStatus,
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
    ExceptionKind,
);
