use crate::api::drafts::{decode_draft, take_draft};
use crate::api::offices::{get_office, list_offices, AddRoom, RemoveRoom, UpdateOffice};
use crate::domain::role::access;
use crate::domain::{OfficeForm, RoomForm};
use crate::i18n::*;
use crate::ui::form::{action_error, ErrorSummary, TextField};
use crate::ui::guard::{id_param, RequireRole};
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn OfficesPage() -> impl IntoView {
    let i18n = use_i18n();
    let offices = Resource::new(|| (), |_| list_offices());
    view! {
        <RequireRole roles=access::ADMIN>
            <h1>{t!(i18n, offices_title)}</h1>
            <Suspense>
                {move || Suspend::new(async move {
                    match offices.await {
                        Ok(list) => list.into_iter().map(|o| view! {
                            <section class="card">
                                <h2>{o.name.clone()}</h2>
                                <p>{o.address.clone()}</p>
                                <p>{t!(i18n, rooms_title)} ": " {o.rooms.iter().map(|r| format!("{} ({})", r.name, r.capacity)).collect::<Vec<_>>().join(", ")}</p>
                                <A href=format!("/admin/offices/{}", o.id)>{t!(i18n, office_edit)} " " {o.name.clone()}</A>
                            </section>
                        }).collect_view().into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </RequireRole>
    }
}

#[component]
pub fn OfficeEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param("id");
    let update = ServerAction::<UpdateOffice>::new();
    let add = ServerAction::<AddRoom>::new();
    let remove = ServerAction::<RemoveRoom>::new();
    let update_error = action_error(update);
    let add_error = action_error(add);
    let office = Resource::new(
        move || (id(), add.version().get(), remove.version().get()),
        |(id, _, _)| get_office(id),
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
    let saved = move || use_query_map().with(|q| q.get("saved").is_some());
    view! {
        <RequireRole roles=access::ADMIN>
            <Suspense>
                {move || Suspend::new(async move {
                    let (office_draft, room_draft) = drafts.await;
                    match office.await {
                        Ok(o) => {
                            let form = decode_draft(office_draft, OfficeForm { name: o.name.clone(), address: o.address.clone() });
                            let room: RoomForm = decode_draft(room_draft, RoomForm::default());
                            let office_id = o.id;
                            view! {
                                <p><A href="/admin/offices">{t!(i18n, offices_title)}</A></p>
                                <h1>{o.name.clone()}</h1>
                                <Show when=saved><p class="notice" role="status">{t!(i18n, saved)}</p></Show>
                                <ErrorSummary error=update_error />
                                <ActionForm action=update attr:class="stack narrow">
                                    <input type="hidden" name="id" value=office_id />
                                    <TextField name="form[name]" field="name" label=t_string!(i18n, office_name).to_string()
                                        value=form.name error=update_error />
                                    <TextField name="form[address]" field="address" label=t_string!(i18n, office_address).to_string()
                                        value=form.address error=update_error />
                                    <button type="submit">{t!(i18n, office_save)}</button>
                                </ActionForm>
                                <h2>{t!(i18n, rooms_title)}</h2>
                                <ul class="rooms">
                                    {o.rooms.into_iter().map(|r| view! {
                                        <li>
                                            {r.name.clone()} " (" {t!(i18n, room_capacity)} ": " {r.capacity} ") "
                                            <ActionForm action=remove attr:class="inline">
                                                <input type="hidden" name="office_id" value=office_id />
                                                <input type="hidden" name="room_id" value=r.id />
                                                <button type="submit" class="secondary">{t!(i18n, room_remove)} " " {r.name.clone()}</button>
                                            </ActionForm>
                                        </li>
                                    }).collect_view()}
                                </ul>
                                <h3>{t!(i18n, room_add)}</h3>
                                <ErrorSummary error=add_error form="room" />
                                <ActionForm action=add attr:class="stack narrow">
                                    <input type="hidden" name="office_id" value=office_id />
                                    <TextField name="form[name]" field="name" label=t_string!(i18n, room_name).to_string()
                                        value=room.name error=add_error form="room" />
                                    <TextField name="form[capacity]" field="capacity" label=t_string!(i18n, room_capacity).to_string()
                                        value=room.capacity error=add_error kind="number" inputmode="numeric" form="room" />
                                    <button type="submit">{t!(i18n, room_add)}</button>
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
