use crate::helpers::{error_of, TestApp};
use crate::on_both_databases;

async fn office_id(app: &TestApp) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO offices (code, name, address, updated_at) VALUES ('tartu', 'Tartu', 'Riia 15', 0) RETURNING id",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    id
}

async fn an_admin_edits_an_office_and_its_rooms(app: TestApp) {
    let id = office_id(&app).await.to_string();
    let admin = app.login_as("admin@test.ee").await;
    let res = app
        .api(
            &admin,
            "update_office",
            &[
                ("id", &id),
                ("form[name]", "Tartu vastuvõtt"),
                ("form[city]", "Tartu"),
                ("form[address]", "Riia 16, Tartu"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .api(
            &admin,
            "add_room",
            &[
                ("office_id", &id),
                ("form[name]", "Grupiruum"),
                ("form[capacity]", "14"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let (status, page) = app.page(&admin, &format!("/admin/offices/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Riia 16, Tartu") && page.contains("Grupiruum"));
    // Two forms on one page, each field with its own id.
    assert_eq!(page.matches("id=\"f-name\"").count(), 1);
    assert_eq!(page.matches("id=\"f-room-name\"").count(), 1);
    let (room_id,): (i64,) = sqlx::query_as("SELECT id FROM rooms")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let res = app
        .api(
            &admin,
            "remove_room",
            &[("office_id", &id), ("room_id", &room_id.to_string())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(app.count("rooms").await, 0);
}

async fn bad_office_input_changes_nothing(app: TestApp) {
    let id = office_id(&app).await.to_string();
    let admin = app.login_as("admin@test.ee").await;
    let res = app
        .api(
            &admin,
            "update_office",
            &[
                ("id", &id),
                ("form[name]", ""),
                ("form[address]", &"x".repeat(201)),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let (name,): (String,) = sqlx::query_as("SELECT name FROM offices")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(name, "Tartu");
    for capacity in ["0", "501", "many", ""] {
        let res = app
            .api(
                &admin,
                "add_room",
                &[
                    ("office_id", &id),
                    ("form[name]", "Room"),
                    ("form[capacity]", capacity),
                ],
            )
            .await;
        assert_eq!(res.status().as_u16(), 422, "{capacity}");
    }
    app.api(
        &admin,
        "add_room",
        &[
            ("office_id", &id),
            ("form[name]", "Room"),
            ("form[capacity]", "4"),
        ],
    )
    .await;
    let dup = app
        .api(
            &admin,
            "add_room",
            &[
                ("office_id", &id),
                ("form[name]", "Room"),
                ("form[capacity]", "6"),
            ],
        )
        .await;
    assert_eq!(dup.status().as_u16(), 422);
    assert_eq!(error_of(dup).await["Invalid"][0]["code"], "AlreadyExists");
    assert_eq!(app.count("rooms").await, 1);
    let res = app
        .api(
            &admin,
            "update_office",
            &[
                ("id", "424242"),
                ("form[name]", "X"),
                ("form[city]", "Z"),
                ("form[address]", "Y"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404, "unknown office");
    let res = app
        .api(
            &admin,
            "add_room",
            &[
                ("office_id", "424242"),
                ("form[name]", "X"),
                ("form[capacity]", "3"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
    let res = app
        .api(
            &admin,
            "remove_room",
            &[("office_id", &id), ("room_id", "424242")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
}

on_both_databases!(
    an_admin_edits_an_office_and_its_rooms,
    bad_office_input_changes_nothing
);
