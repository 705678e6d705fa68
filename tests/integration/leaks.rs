//! A known secret in the environment, the .env and the URL must never reach any output of any
//! command that prints settings or values.

use crate::support::{LEAK_SECRET, RedisServer, redkit};

#[test]
fn no_command_prints_a_known_secret() {
    let s = RedisServer::builder().password(LEAK_SECRET).start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".env"),
        format!("QWEN_API_KEY={LEAK_SECRET}\nERP_PASSWORD={LEAK_SECRET}\nDATABASE_URL=mysql://app:{LEAK_SECRET}@db/app\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("redkit.yaml"),
        "env:\n  required:\n    QWEN_API_KEY: {}\n    JWT_SECRET_KEY: { min_length: 40 }\n  optional:\n    REDIS_PORT: { type: port }\n",
    )
    .unwrap();
    let url = format!("redis://:{LEAK_SECRET}@127.0.0.1:{}", s.port);
    let wrong_url = format!("redis://:{LEAK_SECRET}x@127.0.0.1:{}", s.port);
    let runs: Vec<Vec<String>> = vec![
        vec!["validate-env".into()],
        vec!["validate-env".into(), "--format".into(), "json".into()],
        vec![
            "validate-env".into(),
            "--format".into(),
            "ndjson".into(),
            "-v".into(),
        ],
        vec!["config".into()],
        vec![
            "config".into(),
            "show".into(),
            "--format".into(),
            "json".into(),
        ],
        vec!["ping".into(), "-u".into(), url.clone()],
        vec![
            "ping".into(),
            "-u".into(),
            url.clone(),
            "--format".into(),
            "json".into(),
        ],
        vec!["ping".into(), "-u".into(), wrong_url.clone()],
        vec![
            "ping".into(),
            "-u".into(),
            "bad://".to_string() + LEAK_SECRET,
        ],
    ];
    for args in runs {
        for env in [true, false] {
            let mut c = redkit(dir.path());
            c.args(&args);
            if env {
                c.env("REDIS_PASSWORD", LEAK_SECRET)
                    .env("JWT_SECRET_KEY", LEAK_SECRET);
            }
            let out = c.output().unwrap();
            let all = [out.stdout, out.stderr].concat();
            let text = String::from_utf8_lossy(&all);
            assert!(
                !text.contains(LEAK_SECRET),
                "redkit {args:?} printed the secret:\n{text}"
            );
            // Nor a long piece of it.
            assert!(
                !text.contains(&LEAK_SECRET[4..20]),
                "redkit {args:?} printed part of the secret:\n{text}"
            );
        }
    }
}
