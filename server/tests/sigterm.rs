//! The `tugi` binary stops gracefully on SIGTERM (as systemd or a container runtime sends it):
//! the requests it has taken are answered, then it exits with success.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_answers_requests_in_flight_then_exits() {
    let dir = std::env::temp_dir().join(format!("tugi-sigterm-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder");
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tugi"))
        .arg("serve")
        .env(
            "DATABASE_URL",
            format!("sqlite:{}", dir.join("tugi.db").display()),
        )
        .env("TUGI_BIND", format!("127.0.0.1:{port}"))
        .env("TUGI_OUTBOX_DIR", dir.join("outbox"))
        .env("TUGI_SITE_ROOT", &dir)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("tugi starts");
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while client.get(format!("{base}/healthz")).send().await.is_err() {
        assert!(Instant::now() < deadline, "tugi did not come up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Logins each hash a password: enough work to be in flight when the signal comes.
    let mut requests = Vec::new();
    for i in 0..16 {
        let (client, url) = (client.clone(), format!("{base}/api/login"));
        requests.push(tokio::spawn(async move {
            client
                .post(url)
                .header("accept", "application/json")
                .form(&[
                    ("email", format!("nobody{i}@example.org")),
                    ("password", "not the password".to_string()),
                ])
                .send()
                .await
                .map(|r| r.status().as_u16())
        }));
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    for request in requests {
        assert_eq!(
            request.await.expect("task").expect("answered, not dropped"),
            422
        );
    }
    let deadline = Instant::now() + Duration::from_secs(25);
    let status = loop {
        if let Some(status) = child.try_wait().expect("status") {
            break status;
        }
        assert!(Instant::now() < deadline, "tugi did not stop");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        status.success(),
        "a graceful stop exits with success: {status}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
