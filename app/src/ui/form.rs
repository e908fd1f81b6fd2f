//! Form building blocks: every input has a visible label, an optional hint, and its error
//! message next to it; a summary at the top links to each problem (GOV.UK pattern).

use crate::domain::ErrorCode;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::text::{app_error, field_error, I18n};
use leptos::prelude::*;

/// The last error of a form's action, if any.
pub type FormError = Signal<Option<AppError>>;

/// The error signal of a server action.
pub fn action_error<I, O>(action: ServerAction<I>) -> FormError
where
    I: server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(|r| r.err()))
}

/// The label of a form field, for an error summary that says which field is wrong.
pub fn field_label(i18n: I18n, field: &str) -> Option<String> {
    let label = match field {
        "note" => t_string!(i18n, common.field_note),
        "reason" => t_string!(i18n, common.field_reason),
        "email" => t_string!(i18n, common.field_email),
        "city" => t_string!(i18n, common.field_city),
        "start_time" => t_string!(i18n, common.field_start_time),
        "name" => t_string!(i18n, common.field_display_name),
        "household" => t_string!(i18n, common.field_household),
        "support_person_id" => t_string!(i18n, common.choose_support_person),
        "office" => t_string!(i18n, common.field_office),
        "end_time" => t_string!(i18n, common.field_end_time),
        "slot" => t_string!(i18n, common.free_times),
        "status" => t_string!(i18n, common.field_status),
        "session" => t_string!(i18n, common.field_drop_in_session),
        "phone" => t_string!(i18n, common.field_phone),
        "people" => t_string!(i18n, common.field_for_whom),
        "feedback" => t_string!(i18n, common.field_feedback),
        "capacity" => t_string!(i18n, common.field_capacity),
        "weekday" => t_string!(i18n, common.field_weekday),
        "notes" => t_string!(i18n, common.field_notes),
        "new_password" => t_string!(i18n, common.field_new_password),
        "gender" => t_string!(i18n, common.field_gender),
        "confirm_password" => t_string!(i18n, common.field_confirm_password),
        "volunteer" => t_string!(i18n, common.field_volunteer),
        "topic" => t_string!(i18n, common.field_topic),
        "registration" => t_string!(i18n, common.field_registration),
        "planned_end" => t_string!(i18n, common.field_planned_end),
        "party_size" => t_string!(i18n, common.field_party_size),
        "outcome" => t_string!(i18n, common.field_outcome),
        "new_end" => t_string!(i18n, common.field_new_end),
        "mode" => t_string!(i18n, common.field_walk_in_mode),
        "language" => t_string!(i18n, common.field_language_pref),
        "interpreter" => t_string!(i18n, common.field_interpreter),
        "first_date" => t_string!(i18n, common.field_first_date),
        "weeks" => t_string!(i18n, common.field_weeks),
        "to_date" => t_string!(i18n, common.field_to_date),
        "state" => t_string!(i18n, common.field_day_state),
        "start_date" => t_string!(i18n, common.field_start_date),
        "room" => t_string!(i18n, common.field_room),
        "repeat" => t_string!(i18n, common.field_repeat),
        "registration_opens" => t_string!(i18n, common.field_registration_opens),
        "registration_closes" => t_string!(i18n, common.field_registration_closes),
        "programme" => t_string!(i18n, common.field_programme),
        "practice_language" => t_string!(i18n, common.field_practice_language),
        "place" => t_string!(i18n, common.field_place),
        "override_reason" => t_string!(i18n, common.field_override_reason),
        "origin_country" => t_string!(i18n, common.field_origin_country),
        "on_date" => t_string!(i18n, common.field_date),
        "needs" => t_string!(i18n, common.field_needs),
        "minutes" => t_string!(i18n, common.field_minutes),
        "meeting" => t_string!(i18n, common.field_meeting),
        "match" => t_string!(i18n, common.field_matches),
        "last_name" => t_string!(i18n, common.field_last_name),
        "kind" => t_string!(i18n, common.field_exception_kind),
        "holidays" => t_string!(i18n, common.field_holidays),
        "handover_date" => t_string!(i18n, common.field_handover_date),
        "given_on" => t_string!(i18n, common.field_given_on),
        "from_date" => t_string!(i18n, common.field_from_date),
        "field_of_work" => t_string!(i18n, common.field_field_of_work),
        "ended_on" => t_string!(i18n, common.field_ended_on),
        "display_name" => t_string!(i18n, common.field_display_name),
        "day" => t_string!(i18n, common.field_day),
        "date_of_birth" => t_string!(i18n, common.field_date_of_birth),
        "date" => t_string!(i18n, common.field_date),
        "completed_on" => t_string!(i18n, common.field_completed_on),
        "category" => t_string!(i18n, common.field_category),
        "until" => t_string!(i18n, common.field_to_date),
        "training" => t_string!(i18n, common.field_training),
        "staff_note" => t_string!(i18n, common.field_staff_note),
        "slot_minutes" => t_string!(i18n, common.field_slot_minutes),
        "roles" => t_string!(i18n, common.field_roles),
        "registration_closes_time" => t_string!(i18n, common.field_registration_closes_time),
        "purpose" => t_string!(i18n, common.field_purpose),
        "protection_path" => t_string!(i18n, common.field_protection_path),
        "password" => t_string!(i18n, common.field_password),
        "offer_hours" => t_string!(i18n, common.field_offer_hours),
        "name_uk" => t_string!(i18n, common.field_name_uk),
        "name_ru" => t_string!(i18n, common.field_name_ru),
        "name_et" => t_string!(i18n, common.field_name_et),
        "name_en" => t_string!(i18n, common.field_name_en),
        "member" => t_string!(i18n, common.field_member),
        "language_3" => t_string!(i18n, common.field_language_3),
        "language_2" => t_string!(i18n, common.field_language_2),
        "language_1" => t_string!(i18n, common.field_language_1),
        "from" => t_string!(i18n, common.field_from_date),
        "first_name" => t_string!(i18n, common.field_first_name),
        "facilitator_2" => t_string!(i18n, common.field_facilitator_2),
        "facilitator_1" => t_string!(i18n, common.field_facilitator_1),
        "extra_dates" => t_string!(i18n, common.field_extra_dates),
        "description_uk" => t_string!(i18n, common.field_description_uk),
        "description_ru" => t_string!(i18n, common.field_description_ru),
        "description_et" => t_string!(i18n, common.field_description_et),
        "description_en" => t_string!(i18n, common.field_description_en),
        "current_password" => t_string!(i18n, common.field_current_password),
        "childcare" => t_string!(i18n, common.field_childcare),
        "channel" => t_string!(i18n, common.field_channel),
        "caseload_limit" => t_string!(i18n, common.field_caseload_limit),
        "cancel_cutoff_hours" => t_string!(i18n, common.field_cancel_cutoff),
        "buffer_minutes" => t_string!(i18n, common.field_buffer_minutes),
        "activity" => t_string!(i18n, common.field_activity),
        "place_kind" => t_string!(i18n, common.field_place),
        "address" => t_string!(i18n, common.field_other_address),
        "online_link" => t_string!(i18n, common.online_link),
        "requester" => t_string!(i18n, home.contact_who),
        "organisation" => t_string!(i18n, home.contact_organisation),
        "help" => t_string!(i18n, home.contact_help),
        "message" => t_string!(i18n, home.contact_message),
        "human_answer" => t_string!(i18n, home.contact_check),
        "consent" => t_string!(i18n, home.contact_consent_short),
        _ => return None,
    };
    Some(label.to_string())
}

fn code_for(error: FormError, field: &'static str) -> Option<ErrorCode> {
    error
        .get()
        .and_then(|e| e.field_errors().and_then(|f| f.get(field)))
}

/// The id of a field's control: `f-{field}`, or `f-{form}-{field}` when a page has two forms
/// with a field of the same name.
fn input_id(form: &str, field: &str) -> String {
    if form.is_empty() {
        format!("f-{field}")
    } else {
        format!("f-{form}-{field}")
    }
}

#[component]
pub fn ErrorSummary(
    error: FormError,
    /// The `form` given to the form's fields, if any.
    #[prop(optional)]
    form: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|e| {
            let (title, text) = app_error(i18n, &e);
            let items = e
                .field_errors()
                .map(|f| {
                    f.0.iter()
                        .map(|fe| {
                            let href = format!("#{}", input_id(form, &fe.field));
                            let text = match field_label(i18n, &fe.field) {
                                Some(label) => format!("{label}: {}", field_error(i18n, fe.code)),
                                None => field_error(i18n, fe.code),
                            };
                            view! { <li><a href=href>{text}</a></li> }
                        })
                        .collect_view()
                })
                .unwrap_or_default();
            view! {
                <div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
                    <h2 id="error-summary-title">{title}</h2>
                    <p>{text}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

/// A label, hint and error around one control.
#[component]
fn FieldFrame(
    form: &'static str,
    field: &'static str,
    label: String,
    hint: Option<String>,
    error: FormError,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = input_id(form, field);
    let has_error = move || code_for(error, field).is_some();
    view! {
        <div class="field" class:field-error=has_error>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            {move || {
                code_for(error, field)
                    .map(|code| {
                        view! {
                            <p class="error-message" id=format!("{}-error", input_id(form, field))>
                                {field_error(i18n, code)}
                            </p>
                        }
                    })
            }}
            {children()}
        </div>
    }
}

fn described_by(
    form: &'static str,
    field: &'static str,
    has_hint: bool,
    error: FormError,
) -> impl Fn() -> Option<String> {
    move || {
        let id = input_id(form, field);
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{id}-hint"));
        }
        if code_for(error, field).is_some() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

#[component]
pub fn TextField(
    /// The form field's name as the server function reads it (`household[city]`).
    name: &'static str,
    /// The key under which errors for this field arrive (`city`).
    field: &'static str,
    label: String,
    #[prop(into)] value: String,
    error: FormError,
    #[prop(optional)] hint: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] multiline: bool,
    /// Set when the page has another form with a field of the same name.
    #[prop(optional)]
    form: &'static str,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let control = if multiline {
        view! {
            <textarea
                id=input_id(form, field)
                name=name
                rows="4"
                aria-invalid=move || code_for(error, field).is_some().then_some("true")
                aria-describedby=described_by(form, field, has_hint, error)
            >
                {value}
            </textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=input_id(form, field)
                name=name
                type=kind
                value=value
                required=required
                autocomplete=autocomplete
                inputmode=inputmode
                aria-invalid=move || code_for(error, field).is_some().then_some("true")
                aria-describedby=described_by(form, field, has_hint, error)
            />
        }
        .into_any()
    };
    view! { <FieldFrame form field label hint error>{control}</FieldFrame> }
}

#[component]
pub fn SelectField(
    name: &'static str,
    field: &'static str,
    label: String,
    #[prop(into)] value: String,
    /// (value, visible text)
    options: Vec<(String, String)>,
    error: FormError,
    #[prop(optional)] hint: Option<String>,
    /// Text of an empty first option; none when absent.
    #[prop(optional)]
    placeholder: Option<String>,
    #[prop(optional)] form: &'static str,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let options = options
        .into_iter()
        .map(|(v, text)| {
            let selected = v == value;
            view! { <option value=v selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <FieldFrame form field label hint error>
            <select
                id=input_id(form, field)
                name=name
                aria-invalid=move || code_for(error, field).is_some().then_some("true")
                aria-describedby=described_by(form, field, has_hint, error)
            >
                {placeholder.map(|p| view! { <option value="">{p}</option> })}
                {options}
            </select>
        </FieldFrame>
    }
}

/// A labelled checkbox that sends `on` when ticked.
#[component]
pub fn Tick(name: String, id: String, label: String, checked: bool) -> impl IntoView {
    view! {
        <div class="checkbox">
            <input type="checkbox" id=id.clone() name=name checked=checked />
            <label for=id>{label}</label>
        </div>
    }
}

/// One choice of a few, as radio buttons in a fieldset whose legend asks the question; its
/// error (under `field`) is shown under the legend.
#[component]
pub fn RadioField(
    name: &'static str,
    field: &'static str,
    legend: String,
    #[prop(into)] value: String,
    /// (value, visible text)
    options: Vec<(String, String)>,
    error: FormError,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = input_id("", field);
    let error_id = format!("{id}-error");
    let code = move || code_for(error, field);
    view! {
        <fieldset id=id.clone() class="choices" class:field-error=move || code().is_some()
            aria-describedby=move || code().map(|_| error_id.clone())>
            <legend>{legend}</legend>
            {move || code().map(|code| view! {
                <p class="error-message" id=format!("{}-error", input_id("", field))>{field_error(i18n, code)}</p>
            })}
            {options.into_iter().map(|(code, text)| {
                let option_id = format!("{id}-{code}");
                let checked = value == code;
                view! {
                    <div class="radio">
                        <input type="radio" id=option_id.clone() name=name value=code checked=checked required=true />
                        <label for=option_id>{text}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// A destructive action that asks once: the first tap opens the question, the button inside
/// does it. Plain `<details>`, so it works without JavaScript and with the keyboard.
#[component]
pub fn ConfirmFirst(
    /// What the first tap says ("Cancel sign-up").
    label: String,
    /// The question before the final button.
    question: String,
    /// Open from the start (a refused attempt comes back with its error).
    #[prop(optional)]
    open: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <details class="confirm" open=open>
            <summary>{label}</summary>
            <div class="confirm-body">
                <p>{question}</p>
                {children()}
            </div>
        </details>
    }
}
