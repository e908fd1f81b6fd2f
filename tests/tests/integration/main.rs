//! Integration tests: the real server over HTTP, each test on a fresh SQLite database and a
//! fresh PostgreSQL database.

mod helpers;

mod access_matrix;
mod audit;
mod auth;
mod calendar;
mod calendar_corpus;
mod calendar_follow;
mod consultations;
mod data_protection;
mod demo;
mod faults;
mod health;
mod households;
mod i18n;
mod intake;
mod into_service;
mod invitations;
mod matching;
mod offices;
mod outbox;
mod page_cache;
mod report;
mod returns;
mod roles;
mod schema;
mod stored_codes;
mod support;
mod throttling;
mod web_controls;
mod workshop_pages;
mod workshops;
