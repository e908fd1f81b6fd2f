//! Names of roles, languages and what is recorded about people.

use super::named;
use crate::domain::{
    Channel, ConsentPurpose, Gender, HouseholdStatus, InterfaceLanguage, Language, Level,
    Programme, Role, SupportStatus,
};

named!(Role {
    Role::Admin => role_admin,
    Role::Coordinator => role_coordinator,
    Role::SupportPerson => role_support_person,
    Role::Volunteer => role_volunteer,
    Role::Facilitator => role_facilitator,
    Role::Beneficiary => role_beneficiary,
    Role::ReturnCounsellor => role_return_counsellor,
    Role::Approver => role_approver,
    Role::PartnerCaseworker => role_partner_caseworker,
});

named!(Programme {
    Programme::AdaptationMentor => programme_adaptation_mentor,
    Programme::PeerCounsellor => programme_peer_counsellor,
    Programme::LanguagePartner => programme_language_partner,
    Programme::JobMentor => programme_job_mentor,
});

named!(InterfaceLanguage {
    InterfaceLanguage::Et => lang_et,
    InterfaceLanguage::En => lang_en,
    InterfaceLanguage::Ru => lang_ru,
    InterfaceLanguage::Uk => lang_uk,
});

named!(Language {
    Language::Et => lang_et,
    Language::En => lang_en,
    Language::Ru => lang_ru,
    Language::Uk => lang_uk,
    Language::Ar => lang_ar,
    Language::Prs => lang_prs,
    Language::Fa => lang_fa,
    Language::Ps => lang_ps,
    Language::Ti => lang_ti,
    Language::So => lang_so,
    Language::Tr => lang_tr,
    Language::Fr => lang_fr,
    Language::De => lang_de,
});

impl super::Named for Level {
    /// CEFR levels are written the same in every language.
    fn name_in(self, locale: crate::i18n::Locale) -> &'static str {
        match self {
            Level::Native => leptos_i18n::td_string!(locale, names.level_native),
            other => other.code(),
        }
    }
}

named!(Gender {
    Gender::Female => gender_female,
    Gender::Male => gender_male,
    Gender::Other => gender_other,
    Gender::Undisclosed => gender_undisclosed,
});

named!(HouseholdStatus {
    HouseholdStatus::Active => status_active,
    HouseholdStatus::Closed => status_closed,
});

named!(SupportStatus {
    SupportStatus::Active => status_active,
    SupportStatus::Paused => status_paused,
});

named!(Channel {
    Channel::Phone => channel_phone,
    Channel::Sms => channel_sms,
    Channel::WhatsApp => channel_whatsapp,
    Channel::Telegram => channel_telegram,
    Channel::Signal => channel_signal,
    Channel::Email => channel_email,
});

named!(ConsentPurpose {
    ConsentPurpose::ServiceDelivery => purpose_service_delivery,
    ConsentPurpose::FunderReporting => purpose_funder_reporting,
    ConsentPurpose::Messaging => purpose_messaging,
    ConsentPurpose::VolunteerContact => purpose_volunteer_contact,
});
