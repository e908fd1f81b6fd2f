//! The current user, and the gate in front of every page that needs a role.

use crate::api::auth::{me, CurrentUser};
use crate::domain::Role;
use crate::error::AppError;
use crate::ui::pages::ErrorView;
use leptos::prelude::*;
use leptos_router::{components::Redirect, hooks::use_location};

pub type UserResource = Resource<Result<Option<CurrentUser>, AppError>>;

/// Loads the current user; refreshed on every navigation so that login and logout show at once.
/// Each `<Suspense>` gets its own resource: one resource read under two boundaries can leave a
/// server-rendered response hanging (leptos-rs/leptos#4851).
pub fn user_resource() -> UserResource {
    let location = use_location();
    Resource::new(move || location.pathname.get(), |_| me())
}

/// Shows `children` to a user holding one of `roles` (any logged-in user when empty); sends
/// others to the login page, or shows 403.
#[component]
pub fn RequireRole(roles: &'static [Role], children: ChildrenFn) -> impl IntoView {
    let user = user_resource();
    let location = use_location();
    let children = StoredValue::new(children);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(u)) if roles.is_empty() || u.roles.has_any(roles) => {
                        children.read_value()().into_any()
                    }
                    Ok(Some(_)) => view! { <ErrorView error=AppError::Forbidden /> }.into_any(),
                    Ok(None) => {
                        let here = path_and_query(
                            &location.pathname.get_untracked(),
                            &location.search.get_untracked(),
                        );
                        let target = format!("/login?next={}", crate::domain::encode_query_value(&here));
                        view! { <Redirect path=target /> }.into_any()
                    }
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The numeric `:id` of the current route; -1 (which no record has) when it is not a number,
/// so that the page answers 404.
pub fn id_param(name: &'static str) -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        params
            .with(|p| p.get(name).and_then(|v| v.parse::<i64>().ok()))
            .unwrap_or(-1)
    }
}

/// `/path?query` from the router's parts (its `search` has no `?`).
pub fn path_and_query(path: &str, search: &str) -> String {
    if search.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{search}")
    }
}

/// The user, when the page is only shown to logged-in users (inside `RequireRole`).
pub fn user_roles_include(user: &Option<CurrentUser>, roles: &[Role]) -> bool {
    user.as_ref().is_some_and(|u| u.roles.has_any(roles))
}
