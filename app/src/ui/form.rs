//! Form building blocks: every input has a visible label, an optional hint, and its error
//! message next to it; a summary at the top links to each problem (GOV.UK pattern).

use crate::domain::ErrorCode;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::text::{app_error, field_error};
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
                            view! { <li><a href=href>{field_error(i18n, fe.code)}</a></li> }
                        })
                        .collect_view()
                })
                .unwrap_or_default();
            view! {
                <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
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
