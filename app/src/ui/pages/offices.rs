use crate::api::drafts::{decode_draft, take_draft};
use crate::api::offices::{
    get_office, list_offices, AddRoom, CreateOffice, OfficeView, RemoveRoom, SetOfficeOpen,
    UpdateOffice,
};
use crate::domain::role::access;
use crate::domain::schedule::AgendaKind;
use crate::domain::{OfficeForm, RoomForm};
use crate::i18n::*;
use crate::names::name;
use crate::ui::form::{action_error, ErrorSummary, FormError, TextField};
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::heading::{PageHeading, PageTitle};
use crate::ui::pages::workshops::parts::activity_title;
use crate::ui::pages::ErrorView;
use crate::ui::text::I18n;
use leptos::prelude::*;
use leptos_router::components::A;

fn rooms_text(o: &OfficeView) -> String {
    o.rooms
        .iter()
        .map(|r| format!("{} ({})", r.name, r.capacity))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn OfficesPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateOffice>::new();
    let error = action_error(create);
    let offices = Resource::new(move || create.version().get(), |_| list_offices());
    let draft = Resource::new(|| (), |_| take_draft("create_office".into()));
    view! {
        <RequireRole roles=access::ADMIN>
            <PageHeading text=t_string!(i18n, offices.offices_title).to_string() />
            <Suspense>
                {move || Suspend::new(async move {
                    match offices.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="notice">{t!(i18n, offices.offices_none)}</p>
                        }.into_any(),
                        Ok(list) => list.into_iter().map(|o| {
                            let rooms = rooms_text(&o);
                            view! {
                                <section class="card">
                                    <h2>{o.name.clone()}
                                        {o.closed.then(|| view! { " " <span class="badge">{t!(i18n, offices.office_closed_badge)}</span> })}
                                    </h2>
                                    <p>{o.address.clone()} ", " {o.city.clone()}</p>
                                    <p>{t!(i18n, offices.rooms_title)} ": " {rooms}</p>
                                    <A href=format!("/admin/offices/{}", o.id)>{t!(i18n, offices.office_edit)} " " {o.name.clone()}</A>
                                </section>
                            }
                        }).collect_view().into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
            <h2>{t!(i18n, offices.office_new_title)}</h2>
            <ErrorSummary error />
            <Suspense>
                {move || Suspend::new(async move {
                    let form: OfficeForm = decode_draft(draft.await.ok().flatten(), OfficeForm::default());
                    view! {
                        <ActionForm action=create attr:class="stack narrow">
                            {office_fields(i18n, form, error)}
                            <button type="submit">{t!(i18n, offices.office_create)}</button>
                        </ActionForm>
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

/// The name, city and address of an office, for the form that creates or saves it.
fn office_fields(i18n: I18n, form: OfficeForm, error: FormError) -> impl IntoView {
    view! {
        <TextField name="form[name]" field="name" label=t_string!(i18n, offices.office_name).to_string()
            value=form.name error />
        <TextField name="form[city]" field="city" label=t_string!(i18n, offices.office_city).to_string()
            value=form.city error autocomplete="address-level2" />
        <TextField name="form[address]" field="address" label=t_string!(i18n, offices.office_address).to_string()
            value=form.address error autocomplete="street-address" />
    }
}

#[component]
pub fn OfficeEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param("id");
    let update = ServerAction::<UpdateOffice>::new();
    let add = ServerAction::<AddRoom>::new();
    let remove = ServerAction::<RemoveRoom>::new();
    let open_close = ServerAction::<SetOfficeOpen>::new();
    let update_error = action_error(update);
    let add_error = action_error(add);
    let close_error = action_error(open_close);
    let office = Resource::new(
        move || {
            (
                id(),
                add.version().get(),
                remove.version().get(),
                open_close.version().get(),
                update.version().get(),
            )
        },
        |(id, ..)| get_office(id),
    );
    let drafts = Resource::new(id, |id| async move {
        (
            take_draft(format!("update_office/{id}"))
                .await
                .ok()
                .flatten(),
            take_draft(format!("add_room/{id}")).await.ok().flatten(),
        )
    });
    view! {
            <RequireRole roles=access::ADMIN>
                <Suspense>
                    {move || Suspend::new(async move {
                        let (office_draft, room_draft) = drafts.await;
                        match office.await {
                            Ok(o) => {
                                let form = decode_draft(office_draft, OfficeForm {
                                    name: o.name.clone(),
                                    address: o.address.clone(),
                                    city: o.city.clone(),
                                });
                                let room: RoomForm = decode_draft(room_draft, RoomForm::default());
                                let office_id = o.id;
                                let closed = o.closed;
                                let upcoming = o.upcoming.clone();
                                view! {
                                    <p><A href="/admin/offices">{t!(i18n, offices.offices_title)}</A></p>
                                    <PageTitle text=o.name.clone() />
    <h1>{o.name.clone()}
                                        {closed.then(|| view! { " " <span class="badge">{t!(i18n, offices.office_closed_badge)}</span> })}
                                    </h1>
                                    <ErrorSummary error=update_error />
                                    <ActionForm action=update attr:class="stack narrow">
                                        <input type="hidden" name="id" value=office_id />
                                        {office_fields(i18n, form, update_error)}
                                        <button type="submit">{t!(i18n, offices.office_save)}</button>
                                    </ActionForm>
                                    <h2>{t!(i18n, offices.rooms_title)}</h2>
                                    <ul class="rooms">
                                        {o.rooms.into_iter().map(|r| view! {
                                            <li>
                                                {r.name.clone()} " (" {t!(i18n, offices.room_capacity)} ": " {r.capacity} ") "
                                                {(!r.accessibility.is_empty()).then(|| format!("– {} ", r.accessibility))}
                                                <ActionForm action=remove attr:class="inline">
                                                    <input type="hidden" name="office_id" value=office_id />
                                                    <input type="hidden" name="room_id" value=r.id />
                                                    <button type="submit" class="secondary">{t!(i18n, offices.room_remove)} " " {r.name.clone()}</button>
                                                </ActionForm>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                    <h3>{t!(i18n, offices.room_add)}</h3>
                                    <ErrorSummary error=add_error form="room" />
                                    <ActionForm action=add attr:class="stack narrow">
                                        <input type="hidden" name="office_id" value=office_id />
                                        <TextField name="form[name]" field="name" label=t_string!(i18n, offices.room_name).to_string()
                                            value=room.name error=add_error form="room" />
                                        <TextField name="form[capacity]" field="capacity" label=t_string!(i18n, offices.room_capacity).to_string()
                                            value=room.capacity error=add_error kind="number" inputmode="numeric" form="room" />
                                        <TextField name="form[accessibility]" field="accessibility" label=t_string!(i18n, offices.room_accessibility).to_string()
                                            hint=t_string!(i18n, offices.room_accessibility_hint).to_string()
                                            value=room.accessibility error=add_error form="room" />
                                        <button type="submit">{t!(i18n, offices.room_add)}</button>
                                    </ActionForm>
                                    <h2>{t!(i18n, offices.office_upcoming_title)}</h2>
                                    {if upcoming.is_empty() {
                                        view! { <p>{t!(i18n, offices.office_upcoming_none)}</p> }.into_any()
                                    } else {
                                        view! {
                                            <ul id="f-office">
                                                {upcoming.into_iter().map(|b| {
                                                    let title = match (b.topic, &b.activity_names, &b.activity) {
                                                        (Some(topic), _, _) => name(i18n, topic),
                                                        (None, Some(names), _) => names.get(i18n.get_locale().as_str()).to_string(),
                                                        (None, None, Some(code)) => activity_title(i18n, &[], code),
                                                        (None, None, None) => String::new(),
                                                    };
                                                    let kind = if b.kind == AgendaKind::Session {
                                                        t_string!(i18n, common.office_upcoming_session).to_string()
                                                    } else {
                                                        t_string!(i18n, common.office_upcoming_consultation).to_string()
                                                    };
                                                    view! { <li><A href=b.link>{b.when} " – " {kind} ": " {title}</A></li> }
                                                }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    }}
                                    <h2>{if closed { t!(i18n, offices.office_reopen_title).into_any() } else { t!(i18n, offices.office_close_title).into_any() }}</h2>
                                    <p>{if closed { t!(i18n, offices.office_reopen_hint).into_any() } else { t!(i18n, offices.office_close_hint).into_any() }}</p>
                                    <ErrorSummary error=close_error />
                                    <ActionForm action=open_close attr:class="inline">
                                        <input type="hidden" name="id" value=office_id />
                                        <input type="hidden" name="open" value=if closed { "true" } else { "false" } />
                                        <button type="submit" class=if closed { "" } else { "secondary" }>
                                            {if closed { t!(i18n, offices.office_reopen).into_any() } else { t!(i18n, offices.office_close).into_any() }}
                                        </button>
                                    </ActionForm>
                                }.into_any()
                            }
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }
                    })}
                </Suspense>
            </RequireRole>
        }
}
