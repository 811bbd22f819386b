//! The `labourlink` command as a user runs it: the README walk-through, exit statuses, `--json`,
//! and garbage input never panicking.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{bin, ok, run, text};

fn tmpdir(name: &str) -> PathBuf {
    common::tmpdir("cli", name)
}

/// The shell block of README.md's "The command line, step by step", run as written.
/// (README.zh-CN.md holds the same block: tools/check_translations.py checks it byte for byte.)
#[test]
fn readme_walkthrough_runs_as_written() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let section = readme
        .split("## The command line, step by step")
        .nth(1)
        .unwrap();
    let block = section
        .split("```sh\n")
        .nth(1)
        .unwrap()
        .split("\n```")
        .next()
        .unwrap();
    assert!(
        block.contains("alias labourlink="),
        "the walk-through starts with the alias"
    );
    let script = block
        .lines()
        .filter(|l| !l.starts_with("alias "))
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tmpdir("readme");
    let full = format!(
        "set -euo pipefail\nlabourlink() {{ \"{}\" \"$@\"; }}\n{script}\n",
        bin()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(&full)
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "README walk-through failed:\n{}",
        text(&out)
    );
    let all = text(&out);
    assert!(all.contains("accepted"), "{all}");
    assert!(all.contains("\"status\":\"accepted\""), "{all}");
}

fn setup(dir: &Path) {
    setup_with(dir, "ES256");
}

/// The partner key (`ls-1`) has algorithm `alg` (a `keygen --alg` value).
fn setup_with(dir: &Path, alg: &str) {
    for args in [
        &[
            "keygen",
            "--alg",
            "Ed25519",
            "--out",
            "anchor.pem",
            "--public-out",
            "anchor.jwk",
            "--kid",
            "330200-anchor-1",
        ][..],
        &[
            "keygen",
            "--alg",
            alg,
            "--out",
            "ls.pem",
            "--public-out",
            "ls.jwk",
        ],
        &[
            "trust-list",
            "new",
            "--out",
            "tl.json",
            "--next-update",
            "2027-06-01T00:00:00Z",
        ],
        &[
            "trust-list",
            "add-key",
            "tl.json",
            "--kid",
            "ls-1",
            "--region",
            "513400",
            "--agency",
            "LS",
            "--public",
            "ls.jwk",
            "--types",
            "receipt",
            "--valid-from",
            "2026-01-01T00:00:00Z",
        ],
        &[
            "trust-list",
            "sign",
            "tl.json",
            "--key",
            "anchor.pem",
            "--kid",
            "330200-anchor-1",
            "--out",
            "tl.jws",
            "--at",
            "2026-11-27T08:00:00Z",
        ],
    ] {
        let o = run(dir, args);
        assert!(o.status.success(), "{args:?}: {}", text(&o));
    }
    std::fs::write(
        dir.join("doc.json"),
        r#"{"type":"receipt","in_reply_to":"01a21c04-b400-7000-8000-000000000001","from":{"region":"513400","agency":"LS"},"to":{"region":"330200","agency":"NB"},"body":{"received_id":"01a21c04-b400-7000-8000-000000000001","received_digest":"gBLsgOpVawKmVsNppvuaHTwUDiAS3Kfn4rc-_FD9w_s","status":"accepted"}}"#,
    )
    .unwrap();
    let o = run(
        dir,
        &[
            "sign",
            "--key",
            "ls.pem",
            "--kid",
            "ls-1",
            "--at",
            "2026-11-27T08:00:00Z",
            "doc.json",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    std::fs::write(dir.join("msg.jws"), &o.stdout).unwrap();
}

const VERIFY: &[&str] = &[
    "verify",
    "--trust-list",
    "tl.jws",
    "--anchor",
    "anchor.jwk",
    "--at",
    "2026-11-27T09:00:00Z",
];

#[test]
fn verify_exit_codes_and_json() {
    let dir = tmpdir("verify");
    setup(&dir);
    let ok = run(
        &dir,
        &[VERIFY, &["--region", "330200", "--json", "msg.jws"]].concat(),
    );
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok));
    let v: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(v["status"], "accepted");
    assert_eq!(v["digest"].as_str().unwrap().len(), 43);
    assert_eq!(v["signers"][0]["alg"], "ES256");

    let wrong = run(
        &dir,
        &[VERIFY, &["--region", "513400", "--json", "msg.jws"]].concat(),
    );
    assert_eq!(wrong.status.code(), Some(1));
    let e: serde_json::Value = serde_json::from_slice(&wrong.stdout).unwrap();
    assert_eq!(e["code"], "envelope.wrong_audience");
    assert_eq!(e["path"], "/to/region");
    assert!(e["message_zh"].as_str().unwrap().contains("接收地区"));

    let human = run(&dir, &[VERIFY, &["--region", "513400", "msg.jws"]].concat());
    assert_eq!(human.status.code(), Some(1));
    let t = text(&human);
    assert!(
        t.contains("rejected: envelope.wrong_audience") && t.contains("at: /to/region"),
        "{t}"
    );
}

#[test]
fn an_unsigned_trust_list_draft_given_as_the_list_says_so() {
    let dir = tmpdir("draft-as-list");
    setup(&dir);
    let o = run(
        &dir,
        &[
            "verify",
            "--trust-list",
            "tl.json",
            "--anchor",
            "anchor.jwk",
            "--at",
            "2026-11-27T09:00:00Z",
            "--region",
            "330200",
            "msg.jws",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("jws.malformed")
            && t.contains("tl.json looks like an unsigned trust-list draft")
            && t.contains("labourlink trust-list sign tl.json"),
        "{t}"
    );
}

#[test]
fn sm2_keygen_sign_verify() {
    let dir = tmpdir("sm2");
    setup_with(&dir, "SM2");
    let pem = std::fs::read_to_string(dir.join("ls.pem")).unwrap();
    // OpenSSL's form: id-ecPublicKey with the SM2 curve 1.2.156.10197.1.301.
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYIt"));
    let jwk: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("ls.jwk")).unwrap()).unwrap();
    assert_eq!((&jwk["kty"], &jwk["crv"]), (&"EC".into(), &"SM2".into()));
    let ok = run(
        &dir,
        &[VERIFY, &["--region", "330200", "--json", "msg.jws"]].concat(),
    );
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok));
    let v: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(v["signers"][0]["alg"], "SM2SM3");
}

#[test]
fn revoked_key_and_tampering_are_rejected() {
    let dir = tmpdir("revoke");
    setup(&dir);
    let mut msg = std::fs::read_to_string(dir.join("msg.jws")).unwrap();
    msg = msg.replacen("eyJ", "eyK", 1);
    std::fs::write(dir.join("bad.jws"), msg).unwrap();
    let o = run(
        &dir,
        &[VERIFY, &["--region", "330200", "--json", "bad.jws"]].concat(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("\"code\":\"signature.invalid\"")
            || text(&o).contains("\"code\":\"json."),
        "{}",
        text(&o)
    );

    // A --since in the future postpones nothing: the command says so (audit s41 keys F7),
    // and does not when the date is past.
    let draft = std::fs::read(dir.join("tl.json")).unwrap();
    let revoke = |since: &str| {
        run(
            &dir,
            &[
                "trust-list",
                "revoke",
                "tl.json",
                "--kid",
                "ls-1",
                "--since",
                since,
            ],
        )
    };
    let future = revoke("2099-01-01");
    assert!(future.status.success(), "{}", text(&future));
    let warned = String::from_utf8_lossy(&future.stderr).to_string();
    assert!(
        warned.contains("warning: --since") && warned.contains("trust-list retire"),
        "{warned}"
    );
    std::fs::write(dir.join("tl.json"), draft).unwrap();
    for args in [
        &[
            "trust-list",
            "revoke",
            "tl.json",
            "--kid",
            "ls-1",
            "--since",
            "2026-11-27T08:30:00Z",
        ][..],
        &[
            "trust-list",
            "sign",
            "tl.json",
            "--key",
            "anchor.pem",
            "--kid",
            "330200-anchor-1",
            "--out",
            "tl.jws",
            "--at",
            "2026-11-27T08:40:00Z",
            "--force",
        ],
    ] {
        assert!(run(&dir, args).status.success());
    }
    let o = run(
        &dir,
        &[VERIFY, &["--region", "330200", "--json", "msg.jws"]].concat(),
    );
    assert!(text(&o).contains("key.revoked"), "{}", text(&o));
    let past = revoke("2026-11-27T08:30:00Z");
    assert!(past.status.success(), "{}", text(&past));
    assert!(!String::from_utf8_lossy(&past.stderr).contains("warning"));
    let show = run(&dir, &["trust-list", "show", "tl.jws"]);
    assert!(text(&show).contains("revoked"), "{}", text(&show));
}

/// `trust-list sign --after` gives the next list the published one's sequence plus one and
/// refuses a draft a node would refuse after it (here: one made before a revocation);
/// `--sequence` sets the number by hand.
#[test]
fn a_list_signed_after_the_published_one_follows_it() {
    let dir = tmpdir("sign-after");
    setup(&dir);
    std::fs::copy(dir.join("tl.json"), dir.join("before-revocation.json")).unwrap();
    let sign = |draft: &str, out: &str, extra: &[&str]| {
        let args = [
            &[
                "trust-list",
                "sign",
                draft,
                "--key",
                "anchor.pem",
                "--kid",
                "330200-anchor-1",
                "--out",
                out,
                "--at",
                "2026-11-27T08:40:00Z",
            ][..],
            extra,
        ]
        .concat();
        run(&dir, &args)
    };
    let sequence = |file: &str| {
        let o = ok(&dir, &["trust-list", "show", file, "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["sequence"].as_u64().unwrap()
    };
    let first = sequence("tl.jws");
    ok(
        &dir,
        &[
            "trust-list",
            "revoke",
            "tl.json",
            "--kid",
            "ls-1",
            "--since",
            "2026-11-27T08:30:00Z",
        ],
    );
    let o = sign("tl.json", "tl2.jws", &["--after", "tl.jws"]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(sequence("tl2.jws"), first + 1);
    // A draft copied before the revocation would bring the key back: refused, nothing written.
    let o = sign("before-revocation.json", "tl3.jws", &["--after", "tl2.jws"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("trust_list.revocation_undone"),
        "{}",
        text(&o)
    );
    assert!(!dir.join("tl3.jws").exists());
    // A key left out of the next list is said (what it signed no longer verifies as
    // evidence), not refused (audit s43 archive F5).
    std::fs::copy(dir.join("tl.json"), dir.join("dropped.json")).unwrap();
    ok(
        &dir,
        &[
            "keygen",
            "--alg",
            "Ed25519",
            "--out",
            "ls2.pem",
            "--public-out",
            "ls2.jwk",
        ],
    );
    ok(
        &dir,
        &[
            "trust-list",
            "add-key",
            "tl.json",
            "--kid",
            "ls-2",
            "--region",
            "513400",
            "--agency",
            "LS",
            "--public",
            "ls2.jwk",
            "--types",
            "receipt",
            "--valid-from",
            "2026-01-01T00:00:00Z",
        ],
    );
    assert!(
        sign("tl.json", "tl2b.jws", &["--after", "tl2.jws"])
            .status
            .success()
    );
    let o = sign("dropped.json", "tl6.jws", &["--after", "tl2b.jws"]);
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("warning: key 'ls-2' (active) of list")
            && t.contains("is not in this one")
            && t.contains("key.unknown"),
        "{t}"
    );
    // A draft is not a published list; a published list whose signature does not verify is
    // refused (its payload tampered with: a key dropped would hide a revocation).
    assert_eq!(
        sign("tl.json", "tl4.jws", &["--after", "tl.json"])
            .status
            .code(),
        Some(2)
    );
    let published = std::fs::read_to_string(dir.join("tl2.jws")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&published).unwrap();
    let payload = v["payload"].as_str().unwrap();
    let mut tampered = v.clone();
    let last = if payload.ends_with('A') { "B" } else { "A" };
    tampered["payload"] = format!("{}{last}", &payload[..payload.len() - 1]).into();
    std::fs::write(dir.join("tampered.jws"), tampered.to_string()).unwrap();
    let o = sign("tl.json", "tl5.jws", &["--after", "tampered.jws"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(!dir.join("tl5.jws").exists());
    let o = sign("tl.json", "tl7.jws", &["--sequence", "7"]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(sequence("tl7.jws"), 7);
    for extra in [
        &["--sequence", "0"][..],
        &["--sequence", "3", "--after", "tl.jws"],
    ] {
        assert_eq!(sign("tl.json", "tlx.jws", extra).status.code(), Some(2));
    }
    // A key file that names its key otherwise: recorded under --kid, and said so (audit s40).
    ok(
        &dir,
        &[
            "keygen",
            "--alg",
            "Ed25519",
            "--out",
            "k2.pem",
            "--public-out",
            "k2.jwk",
            "--kid",
            "513400-hrss-2026a",
        ],
    );
    let o = ok(
        &dir,
        &[
            "trust-list",
            "add-key",
            "tl.json",
            "--kid",
            "513400-other",
            "--region",
            "513400",
            "--agency",
            "LS",
            "--public",
            "k2.jwk",
            "--types",
            "receipt",
            "--valid-from",
            "2026-01-01T00:00:00Z",
        ],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning: k2.jwk names the key '513400-hrss-2026a'")
            && err.contains("'513400-other'"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tmpdir("usage");
    for args in [
        &[][..],
        &["frobnicate"],
        &["keygen", "--alg", "RS256", "--out", "x.pem"],
        &["keygen", "--out"],
        &["verify", "--bogus", "x"],
        &[
            "verify",
            "--trust-list",
            "a",
            "--anchor",
            "b",
            "--region",
            "330200",
            "--at",
            "yesterday",
            "m",
        ],
        &["trust-list"],
        &["sign", "--key", "k.pem"],
        &["conformance"],
        &["conformance", "run"],
        &[
            "conformance",
            "run",
            "--harness",
            "x",
            "--timeout-ms",
            "soon",
        ],
        &[
            "verify",
            "--trust-list",
            "a",
            "--anchor",
            "b",
            "--region",
            "330200",
        ],
        &[
            "verify",
            "--trust-list",
            "a",
            "--anchor",
            "b",
            "--region",
            "1",
            "--batch",
            "f",
            "m",
        ],
        &["canonicalize", "a.json", "b.json"],
        &["completions"],
    ] {
        let o = run(&dir, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
        // clap's usage errors: the usage line, or a pointer to --help.
        let t = text(&o);
        assert!(
            t.contains("Usage: labourlink") || t.contains("For more information, try '--help'"),
            "{args:?}: {t}"
        );
        assert!(o.stdout.is_empty(), "{args:?}: usage errors go to stderr");
    }
}

/// Every command and subcommand, as typed.
const SUBCOMMANDS: &[&[&str]] = &[
    &[],
    &["keygen"],
    &["trust-list"],
    &["trust-list", "new"],
    &["trust-list", "add-key"],
    &["trust-list", "retire"],
    &["trust-list", "revoke"],
    &["trust-list", "sign"],
    &["trust-list", "show"],
    &["reference-data"],
    &["reference-data", "sign"],
    &["reference-data", "show"],
    &["reference-data", "verify"],
    &["sign"],
    &["verify"],
    &["canonicalize"],
    &["inspect"],
    &["validate"],
    &["example"],
    &["error-codes"],
    &["rules"],
    &["conformance"],
    &["conformance", "run"],
    &["conformance", "regen"],
    &["conformance", "list"],
    &["conformance", "harness"],
    &["demo"],
    &["completions"],
];

#[test]
fn help_on_every_subcommand_exits_0() {
    let dir = tmpdir("help");
    for sub in SUBCOMMANDS {
        for flag in ["--help", "-h"] {
            let args = [*sub, &[flag]].concat();
            let o = run(&dir, &args);
            assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o));
            let out = String::from_utf8(o.stdout).unwrap();
            let usage = format!(
                "Usage: {}",
                ["labourlink"]
                    .iter()
                    .chain(*sub)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            assert!(out.contains(&usage), "{args:?}: {out}");
        }
    }
    // `help SUBCOMMAND` too.
    let o = run(&dir, &["help", "verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("--trust-list"), "{}", text(&o));
}

#[test]
fn conformance_run_help_lists_its_flags() {
    let o = Command::new(bin())
        .args(["conformance", "run", "--help"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let t = String::from_utf8(o.stdout).unwrap();
    for flag in [
        "--harness",
        "--area",
        "--id",
        "--xfail",
        "--timeout-ms",
        "--json",
        "--junit",
        "--markdown",
        "--vectors",
        "--keys",
        "--verbose",
        "--html",
        "--allow-skip",
    ] {
        assert!(t.contains(flag), "{flag}: {t}");
    }
}

#[test]
fn conformance_run_exit_statuses_pass_through() {
    // 2: a usage error (an unknown area), with the suggestion.
    let o = Command::new(bin())
        .args(["conformance", "run", "--harness", "true", "--area", "jsw"])
        .env_remove("LABOURLINK_CONFORMANCE_DIR")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("did you mean \"jws\"?"), "{}", text(&o));
    // 3: nothing tested (every selected vector skipped).
    let skip_all = r#"read -r l; echo '{"implementation":{"name":"s","language":"sh","version":"0"}}'; while read -r l; do s=$(printf '%s' "$l" | sed -n 's/.*"seq":\([0-9]*\).*/\1/p'); [ -n "$s" ] || exit 0; echo "{\"seq\":$s,\"skipped\":true,\"reason\":\"no\"}"; done"#;
    let o = Command::new(bin())
        .args([
            "conformance",
            "run",
            "--harness",
            skip_all,
            "--id",
            "jws-alg-none",
        ])
        .env_remove("LABOURLINK_CONFORMANCE_DIR")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(
        text(&o).contains("every one of the 1 selected vectors was skipped"),
        "{}",
        text(&o)
    );
}

#[test]
fn version_exits_0() {
    for flag in ["--version", "-V"] {
        let o = Command::new(bin()).arg(flag).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        assert_eq!(
            String::from_utf8(o.stdout).unwrap(),
            format!("labourlink {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn typos_get_a_suggestion_and_exit_2() {
    let dir = tmpdir("typo");
    for (args, suggestion) in [
        (&["verfy"][..], "'verify'"),
        (&["trust-list", "add-kye"], "'add-key'"),
        (&["conformance", "runn"], "'run'"),
        (&["validate", "--jsn", "x.json"], "'--json'"),
        (
            &["keygen", "--alg", "ed25519", "--out", "k.pem"],
            "'Ed25519'",
        ),
        (&["example", "recept"], "'receipt'"),
    ] {
        let o = run(&dir, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
        let t = text(&o);
        assert!(
            t.contains("tip: a similar") && t.contains(suggestion),
            "{args:?}: {t}"
        );
    }
}

#[test]
fn completions_print_a_script() {
    for (shell, marker) in [
        ("bash", "complete -F _labourlink"),
        ("zsh", "#compdef labourlink"),
        ("fish", "complete -c labourlink"),
    ] {
        let o = Command::new(bin())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", text(&o));
        let script = String::from_utf8(o.stdout).unwrap();
        assert!(script.contains(marker), "{shell}: {script}");
        // Nested subcommands and their flags are completed too.
        assert!(
            script.contains("add-key") && script.contains("timeout-ms"),
            "{shell}"
        );
    }
    let o = Command::new(bin())
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}

#[test]
fn conformance_usage_errors_after_parsing_exit_2() {
    let dir = tmpdir("conformance-usage");
    let o = run(
        &dir,
        &[
            "conformance",
            "run",
            "--harness",
            "true",
            "--xfail",
            "missing.json",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("missing.json") && t.contains("Usage: labourlink conformance run"),
        "{t}"
    );
}

#[test]
fn garbage_never_panics() {
    let dir = tmpdir("garbage");
    setup(&dir);
    let inputs: [&[u8]; 8] = [
        b"",
        b"\xff\xfe",
        b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        b"{\"payload\":1}",
        b"{\"payload\":\"\",\"signatures\":[{}]}",
        b"null",
        b"{\"a\":1e999999}",
        b"\"\\ud800\"",
    ];
    for (i, data) in inputs.iter().enumerate() {
        let f = format!("g{i}.jws");
        std::fs::write(dir.join(&f), data).unwrap();
        for cmd in [
            &[VERIFY, &["--region", "330200", &f]].concat(),
            &vec!["inspect", &f],
            &vec!["canonicalize", &f],
            &vec!["trust-list", "show", &f],
        ] {
            let o = run(&dir, cmd);
            // canonicalize accepts any I-JSON, so valid JSON among the garbage succeeds there.
            let expected: &[i32] = if cmd[0] == "canonicalize" {
                &[0, 1]
            } else {
                &[1]
            };
            assert!(
                expected.contains(&o.status.code().unwrap()),
                "{cmd:?} on {data:?}: {}",
                text(&o)
            );
            assert!(!text(&o).contains("panicked"), "{cmd:?}");
        }
    }
}

#[test]
fn canonicalize_prints_rfc8785() {
    let dir = tmpdir("canon");
    std::fs::write(dir.join("in.json"), r#"{"b": 1e21, "a": [1.0, "\u00e9"]}"#).unwrap();
    let o = run(&dir, &["canonicalize", "in.json"]);
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "{\"a\":[1,\"é\"],\"b\":1e+21}"
    );
}

/// `demo --processes`: each region's node is a `labourlink serve` process of its own (two
/// inbox processes on 127.0.0.1), and every case runs each way between them with every
/// receipt verified, as in the one-process demo; no node process is left behind.
#[test]
fn demo_runs_with_a_process_per_node() {
    let t = demo(&["--processes"]);
    // Two processes, other than this one and each other.
    let pids: Vec<u32> = t
        .lines()
        .filter_map(|l| {
            l.split_once("  process ")?
                .1
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
        .collect();
    assert_eq!(pids.len(), 2, "{t}");
    assert_ne!(pids[0], pids[1]);
    // Both directions: Liangshan to Ningbo and Ningbo to Liangshan.
    assert!(
        t.contains("513400 → 330200  social_insurance.transfer_application"),
        "{t}"
    );
    assert!(
        t.contains("330200 → 513400  social_insurance.contact_letter"),
        "{t}"
    );
    assert!(
        t.contains("the same receipt bytes as the first time: true"),
        "{t}"
    );
    assert!(t.contains("HTTP 422, receipt status rejected: true"), "{t}");
    // The receiving node's counters, read from its /metrics over HTTP.
    assert!(t.contains("labourlink_messages_accepted_total"), "{t}");
    // The children are gone when the demo is.
    for pid in pids {
        assert_gone(&pid.to_string());
    }
}

/// A reader that closes the output early (`labourlink demo | head`) ends the command with
/// status 141 and no panic message, and the demo's node processes are stopped all the same.
#[test]
fn a_closed_output_ends_the_command_quietly() {
    use std::io::BufRead as _;
    let mut child = Command::new(bin())
        .args(["demo", "--processes"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut pids = Vec::new();
    let mut line = String::new();
    while pids.len() < 2 && out.read_line(&mut line).unwrap() > 0 {
        if let Some((_, rest)) = line.split_once("  process ") {
            pids.push(rest.split_whitespace().next().unwrap().to_owned());
        }
        line.clear();
    }
    assert_eq!(pids.len(), 2, "the two node processes started");
    drop(out);
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(141), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    for pid in pids {
        assert_gone(&pid);
    }
}

/// Runs `labourlink demo ARGS`; asserts that it succeeded and that its seventeen messages
/// over HTTP (pension 5, benefit place 2, medical 4, cooperation agreement 1, worker transfer
/// 3, work injury 2) were each answered with a receipt the sender verified; returns its output.
fn demo(args: &[&str]) -> String {
    let o = Command::new(bin()).arg("demo").args(args).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert_eq!(
        t.matches("HTTP 200 accepted, receipt verified").count(),
        17,
        "{t}"
    );
    t
}

/// Asserts that process `pid` is gone (or a zombie awaiting its parent).
fn assert_gone(pid: &str) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    assert!(
        stat.is_empty() || stat.contains(") Z "),
        "node process {pid} outlived the demo"
    );
}

#[test]
fn demo_runs() {
    let t = demo(&[]);
    // The work-injury case (worker_rights, issue 11 item 9) between the HRSS bureaus.
    assert!(
        t.contains("case 330200-QY-2026-000044 (worker_rights.work_injury)"),
        "{t}"
    );
    // The medical transfer runs between the medical-insurance agencies (医疗保障局).
    assert!(t.contains("11330200MB0Y20619P"), "{t}");
    assert!(
        t.contains("case 330200-YB-2026-000031 (social_insurance.medical_transfer)"),
        "{t}"
    );
    // The benefit place at retirement (issue 11 item 8).
    assert!(
        t.contains("case 330200-SI-2026-000207 (social_insurance.benefit_place)"),
        "{t}"
    );
    // Two nodes (one per region), each receiving for three agencies.
    assert_eq!(t.matches("http://127.0.0.1:").count(), 2, "{t}");
    assert_eq!(t.matches("receiving for ").count(), 2, "{t}");
    assert!(
        t.contains("the same receipt bytes as the first time: true"),
        "{t}"
    );
    assert!(t.contains("HTTP 422, receipt status rejected: true"), "{t}");
    assert!(t.contains("signature.invalid at /"), "{t}");
    assert!(t.contains("rejected: envelope.unexpected_reply"), "{t}");
}

#[test]
fn verify_batch_ndjson_in_order() {
    let dir = tmpdir("batch");
    setup(&dir);
    let good = std::fs::read_to_string(dir.join("msg.jws")).unwrap();
    let good = good.trim();
    let lines = [
        good.to_owned(),
        "garbage".to_owned(),
        good.replacen("eyJ", "eyK", 1),
        good.to_owned(),
    ];
    std::fs::write(dir.join("batch.ndjson"), lines.join("\n") + "\n").unwrap();
    for threads in ["1", "2"] {
        let o = run(
            &dir,
            &[
                VERIFY,
                &[
                    "--region",
                    "330200",
                    "--batch",
                    "batch.ndjson",
                    "--threads",
                    threads,
                ],
            ]
            .concat(),
        );
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        let results: Vec<serde_json::Value> = String::from_utf8(o.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(results.len(), 4);
        for (i, r) in results.iter().enumerate() {
            assert_eq!(r["line"], i + 1);
        }
        assert_eq!(results[0]["status"], "accepted");
        assert_eq!(results[1]["code"], "json.syntax");
        // The same message twice in one batch: the later line is a redelivery (the default
        // verifier's replay guard covers the batch, decided in input order).
        assert_eq!(results[3]["status"], "rejected");
        assert_eq!(results[3]["code"], "replay.duplicate");
    }
}

#[test]
fn validate_examples_and_a_wrong_check_digit() {
    let dir = tmpdir("validate");
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../schemas/examples");
    for entry in std::fs::read_dir(examples).unwrap() {
        let p = entry.unwrap().path();
        let o = run(&dir, &["validate", p.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}: {}", p.display(), text(&o));
        assert!(!text(&o).contains("error rule."), "{}", text(&o));
    }
    let mut doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{examples}/social_insurance.contact_letter.json"))
            .unwrap(),
    )
    .unwrap();
    let id = doc["body"]["person"]["citizen_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let last = id.chars().last().unwrap();
    let wrong = if last == '0' { '1' } else { '0' };
    doc["body"]["person"]["citizen_id"] = serde_json::json!(format!("{}{wrong}", &id[..17]));
    std::fs::write(dir.join("bad.json"), doc.to_string()).unwrap();
    let o = run(&dir, &["validate", "bad.json"]);
    assert_eq!(o.status.code(), Some(1));
    let t = text(&o);
    assert!(
        t.contains("rule.citizen_id_checksum at /body/person/citizen_id"),
        "{t}"
    );
    assert!(!t.contains(&id[..17]), "the ID number must not be printed");
    let o = run(&dir, &["validate", "--json", "bad.json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(j.to_string().contains("rule.citizen_id_checksum"), "{j}");
}

#[test]
fn verify_agency_and_min_sequence() {
    let dir = tmpdir("agency");
    setup(&dir);
    let ok = run(
        &dir,
        &[VERIFY, &["--region", "330200", "--agency", "NB", "msg.jws"]].concat(),
    );
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok));
    let other = run(
        &dir,
        &[
            VERIFY,
            &[
                "--region", "330200", "--agency", "NB-HR", "--json", "msg.jws",
            ],
        ]
        .concat(),
    );
    assert_eq!(other.status.code(), Some(1), "{}", text(&other));
    let v: serde_json::Value = serde_json::from_slice(&other.stdout).unwrap();
    assert_eq!(v["code"], "envelope.wrong_audience");
    assert_eq!(v["path"], "/to/agency");
    // The list is sequence 1; a verifier that has accepted sequence 2 refuses it, and says
    // that it is the trust list, not the message.
    let old = run(
        &dir,
        &[
            VERIFY,
            &[
                "--region",
                "330200",
                "--min-sequence",
                "2",
                "--json",
                "msg.jws",
            ],
        ]
        .concat(),
    );
    assert_eq!(old.status.code(), Some(1), "{}", text(&old));
    let v: serde_json::Value = serde_json::from_slice(&old.stdout).unwrap();
    assert_eq!(v["code"], "trust_list.rollback");
    assert_eq!(v["status"], "error");
    assert_eq!(v["subject"], "trust_list");
    assert_eq!(v["file"], "tl.jws");
    assert_eq!(v["anchor_kid"], "330200-anchor-1");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("the trust list tl.jws (pinned anchor '330200-anchor-1')"),
        "{v}"
    );
}

#[test]
fn trust_list_check_and_hygiene_at_add_key_and_sign() {
    let dir = tmpdir("tlcheck");
    setup(&dir);
    let good = run(
        &dir,
        &["trust-list", "check", "tl.json", "--anchor", "anchor.jwk"],
    );
    assert_eq!(good.status.code(), Some(0), "{}", text(&good));
    // The same public key under a second kid is refused when added.
    let add = |kid: &str, agency: &str, public: &str| {
        run(
            &dir,
            &[
                "trust-list",
                "add-key",
                "tl.json",
                "--kid",
                kid,
                "--region",
                "330200",
                "--agency",
                agency,
                "--public",
                public,
                "--types",
                "receipt",
                "--valid-from",
                "2026-01-01T00:00:00Z",
            ],
        )
    };
    let dup = add("ls-2", "NB", "ls.jwk");
    assert_eq!(dup.status.code(), Some(1), "{}", text(&dup));
    assert!(text(&dup).contains("trust_list.invalid"), "{}", text(&dup));
    // A look-alike agency (fullwidth Ｎ) is refused.
    let fw = add("nb-1", "ＮB", "anchor.jwk");
    assert_eq!(fw.status.code(), Some(1), "{}", text(&fw));
    // The anchor's own key as a partner key: added (it is not invalid), but `check` and
    // `sign` refuse the list.
    let anchor_as_partner = add("nb-1", "NB", "anchor.jwk");
    assert_eq!(
        anchor_as_partner.status.code(),
        Some(0),
        "{}",
        text(&anchor_as_partner)
    );
    let check = run(
        &dir,
        &[
            "trust-list",
            "check",
            "tl.json",
            "--anchor",
            "anchor.jwk",
            "--json",
        ],
    );
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    let v: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(v["valid"], false);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["path"] == "/body/keys/1/jwk" && f["severity"] == "error")
    );
    let sign = run(
        &dir,
        &[
            "trust-list",
            "sign",
            "tl.json",
            "--key",
            "anchor.pem",
            "--kid",
            "330200-anchor-1",
            "--out",
            "tl2.jws",
        ],
    );
    assert_eq!(sign.status.code(), Some(1), "{}", text(&sign));
    assert!(!dir.join("tl2.jws").exists());
}

#[test]
fn attacker_strings_are_escaped_in_text_output() {
    let dir = tmpdir("escape");
    setup(&dir);
    // The message with a header naming an unknown kid that carries a newline and a fake
    // verdict, and a right-to-left override.
    let msg: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("msg.jws")).unwrap()).unwrap();
    let header =
        r#"{"alg":"ES256","kid":"x\naccepted (已验证): receipt\u202e","typ":"labourlink+jws"}"#;
    let mut evil = msg.clone();
    evil["signatures"][0]["protected"] =
        serde_json::Value::String(labourlink::b64::encode(header.as_bytes()));
    std::fs::write(dir.join("evil.jws"), evil.to_string()).unwrap();
    let o = run(
        &dir,
        &[VERIFY, &["--region", "330200", "evil.jws"]].concat(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let all = text(&o);
    assert!(all.contains("key.unknown"), "{all}");
    assert!(
        !all.lines().any(|l| l.starts_with("accepted")),
        "a forged line reached the output: {all}"
    );
    assert!(!all.contains('\u{202e}'), "{all}");
    assert!(all.contains("\\u{000a}"), "{all}");
}

/// `reference-data sign|show|verify`: a draft signed with the anchor key, shown, verified against
/// the pinned anchor, recorded in a store, and an older document refused after that.
#[test]
fn reference_data_sign_show_verify_and_rollback() {
    let dir = tmpdir("refdata");
    setup(&dir);
    let anchor = serde_json::json!({"region": "330200", "agency": "NB-ANCHOR"});
    let draft = |seq: u64, name: &str| {
        let doc = serde_json::json!({
            "spec": "labourlink/1", "type": "reference_data", "schema_version": "1.0",
            "id": "01a2a0b0-0000-7000-8000-000000000001",
            "from": anchor, "to": anchor, "issued_at": "2026-11-27T00:00:00Z",
            "body": {"sequence": seq, "next_update": "2027-12-01T00:00:00Z",
                     "regions": {"as_of": "2026-06-30", "source": "TEST list",
                                 "added": [{"code": "513499", "name": name}]}}
        });
        std::fs::write(dir.join(format!("rd{seq}.json")), doc.to_string()).unwrap();
    };
    draft(2, "TEST county");
    draft(1, "TEST county (older)");
    for seq in ["1", "2"] {
        let o = run(
            &dir,
            &[
                "reference-data",
                "sign",
                &format!("rd{seq}.json"),
                "--key",
                "anchor.pem",
                "--kid",
                "330200-anchor-1",
                "--out",
                &format!("rd{seq}.jws"),
                "--at",
                "2026-11-27T00:00:00Z",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    }
    let show = run(&dir, &["reference-data", "show", "rd2.jws", "--json"]);
    assert_eq!(show.status.code(), Some(0), "{}", text(&show));
    let v: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(v["sequence"], 2);
    assert_eq!(v["signature_checked"], false);
    assert_eq!(v["regions"]["added"], 1);
    let store = format!("sqlite://{}", dir.join("store.db").display());
    let init = run(&dir, &["store", "init", "--store", &store]);
    assert_eq!(init.status.code(), Some(0), "{}", text(&init));
    let verify = |file: &str, with_store: bool| {
        let mut args = vec![
            "reference-data",
            "verify",
            file,
            "--anchor",
            "anchor.jwk",
            "--at",
            "2026-11-28T00:00:00Z",
            "--json",
        ];
        if with_store {
            args.extend(["--store", store.as_str()]);
        }
        run(&dir, &args)
    };
    let ok = verify("rd2.jws", true);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok));
    assert!(text(&ok).contains("\"valid\":true"), "{}", text(&ok));
    // The older document verifies alone, but the store refuses it: a rollback.
    assert_eq!(verify("rd1.jws", false).status.code(), Some(0));
    let back = verify("rd1.jws", true);
    assert_eq!(back.status.code(), Some(1), "{}", text(&back));
    assert!(
        text(&back).contains("reference_data.rollback"),
        "{}",
        text(&back)
    );
    // `verify --reference-data`: the message verifies with it; with the store that accepted
    // sequence 2, the older document is refused before the message is looked at.
    let with_rd = |rd: &str| {
        run(
            &dir,
            &[
                VERIFY,
                &[
                    "--region",
                    "330200",
                    "--reference-data",
                    rd,
                    "--store",
                    &store,
                    "--dangerous-archive-time",
                    "msg.jws",
                ],
            ]
            .concat(),
        )
    };
    let o = with_rd("rd2.jws");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = with_rd("rd1.jws");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("reference_data.rollback"), "{}", text(&o));
    // Signed by another key than the pinned anchor: refused.
    let o = run(
        &dir,
        &[
            "reference-data",
            "sign",
            "rd2.json",
            "--key",
            "ls.pem",
            "--kid",
            "ls-1",
            "--out",
            "rogue.jws",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let rogue = verify("rogue.jws", false);
    assert_eq!(rogue.status.code(), Some(1), "{}", text(&rogue));
    assert!(
        text(&rogue).contains("reference_data.untrusted_anchor"),
        "{}",
        text(&rogue)
    );
}

/// `trust-list show` names each key's inbox (`endpoint`) in its text too, not only in `--json`.
#[test]
fn trust_list_show_names_the_inbox() {
    let dir = tmpdir("show-endpoint");
    setup(&dir);
    for args in [
        &[
            "keygen",
            "--alg",
            "Ed25519",
            "--out",
            "nb.pem",
            "--public-out",
            "nb.jwk",
        ][..],
        &[
            "trust-list",
            "add-key",
            "tl.json",
            "--kid",
            "nb-1",
            "--region",
            "330200",
            "--agency",
            "NB",
            "--public",
            "nb.jwk",
            "--types",
            "receipt",
            "--valid-from",
            "2026-01-01T00:00:00Z",
            "--endpoint",
            "https://inbox.ningbo.example.invalid/v1/messages",
        ],
    ] {
        let o = run(&dir, args);
        assert!(o.status.success(), "{args:?}: {}", text(&o));
    }
    let o = run(&dir, &["trust-list", "show", "tl.json"]);
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.lines().any(|l| l.starts_with("- nb-1 ")
            && l.ends_with("  inbox https://inbox.ningbo.example.invalid/v1/messages")),
        "{t}"
    );
    assert!(
        t.lines()
            .any(|l| l.starts_with("- ls-1 ") && !l.contains("inbox")),
        "{t}"
    );
}

/// `sign --reissue` moves an `expires_at` with `issued_at`: a catalogue example whose validity
/// ended before today (job_demand's) is signed with its span kept, not refused.
#[test]
fn reissue_keeps_the_validity_span() {
    let dir = tmpdir("reissue-span");
    setup(&dir);
    let example = run(&dir, &["example", "worker_transfer.job_demand"]);
    assert!(example.status.success(), "{}", text(&example));
    std::fs::write(dir.join("jd.json"), &example.stdout).unwrap();
    let before: serde_json::Value = serde_json::from_slice(&example.stdout).unwrap();
    let span = |d: &serde_json::Value| {
        let t = |k: &str| {
            labourlink::time::Timestamp::parse(d[k].as_str().unwrap())
                .unwrap()
                .unix_seconds()
        };
        t("expires_at") - t("issued_at")
    };
    let o = run(
        &dir,
        &[
            "sign",
            "--key",
            "ls.pem",
            "--kid",
            "ls-1",
            "--reissue",
            "jd.json",
            "--out",
            "jd.jws",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = run(&dir, &["inspect", "jd.jws", "--json"]);
    assert!(o.status.success(), "{}", text(&o));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let after = &j["document"];
    assert_ne!(after["issued_at"], before["issued_at"]);
    assert_eq!(span(after), span(&before), "{after}");
}
