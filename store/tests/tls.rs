//! TLS to a real PostgreSQL: the throwaway cluster of `.ci/postgres.sh` runs with `ssl=on` and
//! a certificate for localhost / 127.0.0.1 from a CA made at start-up
//! (`LABOURLINK_TEST_POSTGRES_CA`). Without the cluster or its CA these tests print SKIP on
//! standard error — and fail under `LABOURLINK_REQUIRE_POSTGRES=1` (CI), where the cluster
//! must be TLS.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write as _;

use labourlink::ErrorCode;
use labourlink_store::Store;

/// The admin URL and the CA file, or `None` (SKIP printed).
fn cluster(name: &str) -> Option<(String, String)> {
    let required = std::env::var("LABOURLINK_REQUIRE_POSTGRES").as_deref() == Ok("1");
    let url = std::env::var("LABOURLINK_TEST_POSTGRES_URL").ok();
    let ca = std::env::var("LABOURLINK_TEST_POSTGRES_CA").ok();
    match (url, ca) {
        (Some(url), Some(ca)) => Some((url, ca)),
        (url, _) => {
            let why = if url.is_none() {
                "LABOURLINK_TEST_POSTGRES_URL is not set"
            } else {
                "LABOURLINK_TEST_POSTGRES_CA is not set: the PostgreSQL cluster has no TLS"
            };
            assert!(
                !required,
                "LABOURLINK_REQUIRE_POSTGRES=1 but {why} (.ci/postgres.sh makes the cluster TLS)"
            );
            let _ = writeln!(
                std::io::stderr(),
                "SKIP tls::{name}: {why} (source .ci/postgres.sh; pg_start && pg_env)"
            );
            None
        }
    }
}

/// `admin` with a fresh schema of its own (also the connection's application name) and more
/// parameters.
fn with(admin: &str, schema: &str, params: &str) -> String {
    let mut c = postgres::Client::connect(admin, postgres::NoTls).unwrap();
    c.batch_execute(&format!(
        "SET client_min_messages = warning; DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
    ))
    .unwrap();
    url_for(admin, schema, params)
}

fn url_for(base: &str, schema: &str, params: &str) -> String {
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}options=-c%20search_path%3D{schema}&application_name={schema}&{params}")
}

/// Whether the server sees the connection named `app` as TLS (`None`: no such connection).
fn server_says_tls(admin: &str, app: &str) -> Option<bool> {
    let mut c = postgres::Client::connect(admin, postgres::NoTls).unwrap();
    c.query_opt(
        "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.application_name = $1",
        &[&app],
    )
    .unwrap()
    .map(|r| r.get(0))
}

fn drop_schema(admin: &str, schema: &str) {
    if let Ok(mut c) = postgres::Client::connect(admin, postgres::NoTls) {
        let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
    }
}

fn pct(path: &str) -> String {
    path.replace('%', "%25")
        .replace('/', "%2F")
        .replace(' ', "%20")
}

#[test]
fn verify_full_with_the_test_ca_is_tls_and_works() {
    let Some((admin, ca)) = cluster("verify_full") else {
        return;
    };
    let schema = format!("tls_full_{}", std::process::id());
    let url = with(
        &admin,
        &schema,
        &format!("sslmode=verify-full&sslrootcert={}", pct(&ca)),
    );
    let store = Store::init(&url).unwrap();
    assert_eq!(server_says_tls(&admin, &schema), Some(true));
    // The store works over it (a replay record round trip).
    use labourlink::time::Timestamp;
    use labourlink::verify::{ReplayGuard, ReplayKey};
    let key = ReplayKey {
        region: "513400",
        agency: "LS-SI",
        id: "tls-1",
    };
    let t = Timestamp::from_unix_seconds;
    store.check_and_record(&key, "d", t(0), t(100)).unwrap();
    assert_eq!(
        store
            .check_and_record(&key, "d", t(1), t(100))
            .unwrap_err()
            .code(),
        ErrorCode::ReplayDuplicate
    );
    drop(store);
    drop_schema(&admin, &schema);
}

#[test]
fn disable_stays_plain_and_prefer_or_require_encrypt() {
    let Some((admin, _)) = cluster("modes") else {
        return;
    };
    for (mode, tls) in [("disable", false), ("prefer", true), ("require", true)] {
        let schema = format!("tls_{mode}_{}", std::process::id());
        let url = with(&admin, &schema, &format!("sslmode={mode}"));
        let store = Store::init(&url).unwrap();
        assert_eq!(
            server_says_tls(&admin, &schema),
            Some(tls),
            "sslmode={mode}"
        );
        drop(store);
        drop_schema(&admin, &schema);
    }
}

#[test]
fn an_untrusted_or_misnamed_server_is_refused() {
    let Some((admin, ca)) = cluster("refused") else {
        return;
    };
    let schema = format!("tls_refused_{}", std::process::id());
    // Without sslrootcert the trusted roots are Mozilla's: the test CA is not one of them.
    let url = with(&admin, &schema, "sslmode=verify-full");
    let e = Store::init(&url).unwrap_err();
    assert_eq!(e.code(), ErrorCode::StoreUnavailable, "{e}");
    assert!(e.message().contains("UnknownIssuer"), "{e}");
    // The right CA but another host name (the address given apart): verify-full refuses,
    // verify-ca (the chain only) accepts.
    let port = admin
        .rsplit_once(':')
        .and_then(|(_, rest)| rest.split('/').next())
        .unwrap()
        .to_owned();
    let misnamed = url_for(
        &format!("postgresql://labourlink@not-this-server.invalid:{port}/labourlink_test"),
        &schema,
        &format!("hostaddr=127.0.0.1&sslrootcert={}", pct(&ca)),
    );
    let e = Store::init(&format!("{misnamed}&sslmode=verify-full")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::StoreUnavailable, "{e}");
    assert!(e.message().contains("not valid for name"), "{e}");
    let store = Store::init(&format!("{misnamed}&sslmode=verify-ca")).unwrap();
    assert_eq!(server_says_tls(&admin, &schema), Some(true));
    drop(store);
    // A CA file that is not there is a clear error, not a silent fallback.
    let e = Store::init(&with(
        &admin,
        &schema,
        "sslmode=verify-full&sslrootcert=%2Fnonexistent%2Fca.crt",
    ))
    .unwrap_err();
    assert!(e.message().contains("sslrootcert"), "{e}");
    drop_schema(&admin, &schema);
}
