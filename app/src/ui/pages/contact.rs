//! The public contact and self-referral form, its thank-you page, and the privacy notice it
//! links to. No login; works without JavaScript.

use crate::api::intake::{contact_form, SendIntake};
use crate::domain::{Channel, HelpKind, InterfaceLanguage, Requester};
use crate::i18n::*;
use crate::names::options;
use crate::ui::form::{action_error, ErrorSummary, RadioField, SelectField, TextField};
use crate::ui::heading::PageHeading;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ContactPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SendIntake>::new();
    let error = action_error(action);
    let page = Resource::new(|| (), |_| contact_form());
    view! {
        <PageHeading text=t_string!(i18n, home.contact_title).to_string() />
        <p>{t!(i18n, home.contact_intro)}</p>
        <ErrorSummary error />
        <Suspense>
            {move || Suspend::new(async move {
                let p = match page.await {
                    Ok(p) => p,
                    Err(error) => return view! { <ErrorView error /> }.into_any(),
                };
                let d = p.draft;
                // The visitor's interface language is the first guess for the answer's.
                let language = if d.language.is_empty() {
                    i18n.get_locale_untracked().as_str().to_string()
                } else {
                    d.language.clone()
                };
                let languages: Vec<(String, String)> = InterfaceLanguage::ALL
                    .iter()
                    .map(|l| (l.code().to_string(), l.endonym().to_string()))
                    .collect();
                let mut offices: Vec<(String, String)> =
                    p.offices.iter().map(|(id, n)| (id.to_string(), n.clone())).collect();
                offices.push((String::new(), t_string!(i18n, home.contact_office_unknown).to_string()));
                let channel = if d.channel.is_empty() { Channel::Phone.code().to_string() } else { d.channel.clone() };
                let question = t_string!(i18n, home.contact_question, a = p.a, b = p.b).to_string();
                view! {
                    <ActionForm action=action attr:class="stack narrow" attr:id="contact-form">
                        <input type="hidden" name="request[stamp]" value=p.stamp />
                        <RadioField name="request[requester]" field="requester" legend=t_string!(i18n, home.contact_who).to_string()
                            value=d.requester.clone() options={options::<Requester>(i18n)} error />
                        <TextField name="request[name]" field="name" label=t_string!(i18n, home.contact_name).to_string()
                            value=d.name.clone() error autocomplete="name" required=true />
                        <TextField name="request[organisation]" field="organisation"
                            label=t_string!(i18n, home.contact_organisation).to_string()
                            hint=t_string!(i18n, home.contact_organisation_hint).to_string()
                            value=d.organisation.clone() error autocomplete="organization" />
                        <fieldset>
                            <legend>{t!(i18n, home.contact_reach)}</legend>
                            <p class="hint">{t!(i18n, home.contact_reach_hint)}</p>
                            <TextField name="request[phone]" field="phone" label=t_string!(i18n, common.field_phone).to_string()
                                value=d.phone.clone() error kind="tel" autocomplete="tel" inputmode="tel" />
                            <TextField name="request[email]" field="email" label=t_string!(i18n, common.field_email).to_string()
                                value=d.email.clone() error kind="email" autocomplete="email" />
                            <SelectField name="request[channel]" field="channel" label=t_string!(i18n, common.field_channel).to_string()
                                value=channel options={options::<Channel>(i18n)} error />
                            <SelectField name="request[language]" field="language" label=t_string!(i18n, home.contact_language).to_string()
                                value=language options=languages error />
                        </fieldset>
                        <TextField name="request[city]" field="city" label=t_string!(i18n, common.field_city).to_string()
                            value=d.city.clone() error autocomplete="address-level2" required=true />
                        <SelectField name="request[office]" field="office" label=t_string!(i18n, home.contact_office).to_string()
                            value=d.office.clone() options=offices error />
                        <RadioField name="request[help]" field="help" legend=t_string!(i18n, home.contact_help).to_string()
                            value=d.help.clone() options={options::<HelpKind>(i18n)} error />
                        <TextField name="request[message]" field="message" label=t_string!(i18n, home.contact_message).to_string()
                            hint=t_string!(i18n, home.contact_message_hint).to_string()
                            value=d.message.clone() error multiline=true required=true />
                        // Hidden from people (and from screen readers); robots fill it in.
                        <div class="hp" aria-hidden="true">
                            <label for="f-website">"Website"</label>
                            <input type="text" id="f-website" name="request[website]" tabindex="-1" autocomplete="off" />
                        </div>
                        <TextField name="request[human_answer]" field="human_answer" label=question
                            hint=t_string!(i18n, home.contact_question_hint).to_string()
                            value="" error inputmode="numeric" autocomplete="off" required=true />
                        <div class="checkbox" class:field-error=move || error.get().and_then(|e| e.field_errors().and_then(|f| f.get("consent"))).is_some()>
                            <input type="checkbox" id="f-consent" name="request[consent]" required=true checked=!d.consent.is_empty() />
                            <label for="f-consent">
                                {t!(i18n, home.contact_consent)} " "
                                <A href="/privacy">{t!(i18n, home.privacy_title)}</A>
                            </label>
                        </div>
                        <button type="submit">{t!(i18n, home.contact_submit)}</button>
                    </ActionForm>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn ContactThanksPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading text=t_string!(i18n, home.contact_thanks_title).to_string() />
        <p class="notice" role="status">{t!(i18n, home.contact_thanks)}</p>
        <h2>{t!(i18n, home.contact_next_title)}</h2>
        <ol>
            <li>{t!(i18n, home.contact_next_1)}</li>
            <li>{t!(i18n, home.contact_next_2)}</li>
            <li>{t!(i18n, home.contact_next_3)}</li>
        </ol>
        <p><A href="/workshops">{t!(i18n, home.contact_see_workshops)}</A></p>
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading text=t_string!(i18n, home.privacy_title).to_string() />
        <p>{t!(i18n, home.privacy_who)}</p>
        <p>{t!(i18n, home.privacy_what)}</p>
        <p>{t!(i18n, home.privacy_how_long)}</p>
        <p>{t!(i18n, home.privacy_rights)}</p>
        <p><A href="/contact">{t!(i18n, home.contact_title)}</A></p>
    }
}
