//! Pieces the workshop pages share: activity names (built-in or an admin's own), labels, and a
//! household's sign-up with its actions.

use crate::api::workshop_pages::{CustomActivity, MySignUp};
use crate::api::workshops::{AcceptOffer, CancelRegistration};
use crate::domain::workshops::Eligibility;
use crate::domain::workshops::RegistrationStatus;
use crate::i18n::*;
use crate::names::name;
use crate::ui::form::ConfirmFirst;
use crate::ui::text::I18n;
use leptos::prelude::*;
use leptos_router::components::A;

/// An activity type's name in the reader's language.
pub fn activity_title(i18n: I18n, custom: &[CustomActivity], code: &str) -> String {
    match custom.iter().find(|c| c.code == code) {
        Some(c) => c.name.get(i18n.get_locale().as_str()).to_string(),
        None => crate::names::activity_name_in(i18n.get_locale(), code)
            .map_or_else(|| code.to_string(), str::to_string),
    }
}

/// An activity type's description in the reader's language.
pub fn activity_text(i18n: I18n, custom: &[CustomActivity], code: &str) -> Option<String> {
    match custom.iter().find(|c| c.code == code) {
        Some(c) => {
            Some(c.about.get(i18n.get_locale().as_str()).to_string()).filter(|a| !a.is_empty())
        }
        None => crate::names::activity_about_in(i18n.get_locale(), code).map(str::to_string),
    }
}

/// Who may take part, or `None` for everyone.
pub fn eligibility_label(i18n: I18n, rule: Eligibility) -> Option<String> {
    crate::names::eligibility_in(rule, i18n.get_locale()).map(str::to_string)
}

/// One sign-up of a household: who, its state (place on the waitlist, an offer and until when),
/// the online link once confirmed, and Accept / Cancel where allowed.
#[component]
pub fn SignUpCard(
    s: MySignUp,
    custom: Vec<CustomActivity>,
    accept: ServerAction<AcceptOffer>,
    cancel: ServerAction<CancelRegistration>,
    /// Show the activity's name and a link to the series.
    #[prop(optional)]
    linked: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = name(i18n, s.status);
    let title = activity_title(i18n, &custom, &s.activity);
    view! {
        <article class=format!("card sign-up status-{}", s.status.code())>
            {linked.then(|| view! {
                <h3><A href=format!("/workshops/{}", s.series_id)>{title.clone()}</A> " · " {s.office.clone()}</h3>
            })}
            <p><strong>{status}</strong> ": " {s.people.join(", ")}</p>
            {s.place.map(|n| view! { <p>{t!(i18n, common.waitlist_place_n, n = n)}</p> })}
            {s.offer_until.clone().map(|until| view! { <p>{t!(i18n, common.offer_until, until = until)}</p> })}
            {s.next.clone().filter(|_| s.status == RegistrationStatus::Confirmed).map(|n| view! { <p>{t!(i18n, common.next_session)} ": " {n}</p> })}
            {s.location.clone().filter(|place| s.status == RegistrationStatus::Confirmed && place != "online").map(|place| view! {
                <p>{t!(i18n, common.field_place)} ": " {place}</p>
            })}
            {s.childcare.clone().map(|c| view! { <p>{t!(i18n, common.field_childcare)} ": " {c}</p> })}
            {s.online_link.clone().map(|link| view! {
                <p>{t!(i18n, common.online_link)} ": " <a href=link.clone() rel="noopener">{link.clone()}</a></p>
            })}
            <div class="actions">
                {(s.status == RegistrationStatus::Offered).then(|| view! {
                    <ActionForm action=accept attr:class="inline">
                        <input type="hidden" name="id" value=s.id />
                        <button type="submit">{t!(i18n, workshops.accept_place)}</button>
                    </ActionForm>
                })}
                {s.can_cancel.then(|| {
                    let waiting = s.status == RegistrationStatus::Waiting;
                    let (label, question) = if waiting {
                        (t_string!(i18n, workshops.leave_waitlist), t_string!(i18n, workshops.confirm_leave_waitlist))
                    } else {
                        (t_string!(i18n, workshops.cancel_sign_up), t_string!(i18n, workshops.confirm_cancel_sign_up))
                    };
                    view! {
                        <ConfirmFirst label=label.to_string() question=question.to_string()>
                            <ActionForm action=cancel attr:class="inline">
                                <input type="hidden" name="id" value=s.id />
                                <button type="submit" class="danger">{t!(i18n, workshops.yes_cancel_sign_up)}</button>
                            </ActionForm>
                        </ConfirmFirst>
                    }
                })}
            </div>
        </article>
    }
}
