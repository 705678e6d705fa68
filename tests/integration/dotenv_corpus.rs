//! The `.env` dialect corpus (tests/fixtures/dotenv: the bytes of each case and the values each
//! dialect must read from it) against redkit and against the real parsers: python-dotenv from
//! PyPI (the application's) and bash's `set -a; . ./.env`. Any disagreement fails: redkit with
//! the corpus, or the corpus with the real parser (a new python-dotenv or bash that reads a
//! case otherwise). Rebuild with tests/fixtures/dotenv/generate.py.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{available, redkit};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dotenv")
}

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(corpus_dir().join("cases.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    v.as_array().unwrap().clone()
}

fn env_of(case: &Value) -> BTreeMap<String, String> {
    case["env"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect()
}

/// The lines of a refusal message: `FILE:LINE: …; also lines A, B`.
fn refused_lines(stderr: &str) -> Vec<u64> {
    let mut out = Vec::new();
    if let Some(rest) = stderr.split(".env:").nth(1)
        && let Some(n) = rest.split(':').next().and_then(|n| n.parse().ok())
    {
        out.push(n);
    }
    if let Some(more) = stderr.split("; also line").nth(1) {
        let more = more.trim_start_matches('s').trim();
        out.extend(
            more.split(", ")
                .filter_map(|n| n.trim().parse::<u64>().ok()),
        );
    }
    out
}

/// The environment `redkit run --dotenv shell` starts a command with, for a case, minus what
/// the test itself gives redkit (PATH, the system config folder).
fn run_environment(work: &Path, file: &Path, case: &Value) -> Value {
    let spec = work.join("empty-spec.yaml");
    let mut c = redkit(work);
    c.env_remove("HOME");
    c.args(["run", "--dotenv", "shell", "--spec"])
        .arg(&spec)
        .arg("--env-file")
        .arg(file)
        .args(["--", "/usr/bin/env", "-0"]);
    for (k, v) in env_of(case) {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    let mut env = env0(&out.stdout);
    if !out.status.success() {
        env.insert(
            "redkit run failed".into(),
            String::from_utf8_lossy(&out.stderr).into(),
        );
    }
    for own in ["PATH", "REDKIT_SYSTEM_CONFIG_DIR"] {
        if case["env"].get(own).is_none() {
            env.remove(own);
        }
    }
    Value::Object(env)
}

#[test]
fn every_dialect_reads_the_corpus_as_committed() {
    let cases = cases();
    assert!(cases.len() >= 150, "{} cases", cases.len());
    let dir = corpus_dir().join("cases");
    let work = tempfile::tempdir().unwrap();
    std::fs::write(work.path().join("empty-spec.yaml"), "optional: {}\n").unwrap();
    let failures = std::sync::Mutex::new(Vec::new());
    let chunks: Vec<&[Value]> = cases.chunks(cases.len().div_ceil(2)).collect();
    std::thread::scope(|s| {
        for chunk in chunks {
            let (dir, work, failures) = (&dir, work.path(), &failures);
            s.spawn(move || {
                for case in chunk {
                    let file = dir.join(case["file"].as_str().unwrap());
                    for dialect in ["python", "shell", "compose", "dotenvy"] {
                        let mut c = redkit(work);
                        // Only the case's environment is referenced (dotenvy reads `$HOME_X` as `$HOME`).
                        c.env_remove("HOME");
                        c.env("REDKIT_PRINT_DOTENV", "1")
                            .args(["validate-env", "--dotenv", dialect])
                            .arg("--env-file")
                            .arg(&file);
                        for (k, v) in env_of(case) {
                            c.env(k, v);
                        }
                        let out = c.output().unwrap();
                        let want = &case[dialect];
                        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
                        let got = if out.status.code() == Some(0) {
                            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
                            if let Some(env) = want.get("environment") {
                                // bash's whole environment, as `redkit run` hands it to the
                                // command: the real one with the file's assignments over it.
                                (run_environment(work, &file, case) == *env).then_some(())
                            } else {
                                (v["values"] == want["values"]).then_some(())
                            }
                        } else if let Some(lines) = want.get("refused") {
                            let lines: Vec<u64> = lines
                                .as_array()
                                .unwrap()
                                .iter()
                                .map(|l| l.as_u64().unwrap())
                                .collect();
                            (out.status.code() == Some(2) && refused_lines(&stderr) == lines)
                                .then_some(())
                        } else {
                            None
                        };
                        if got.is_none() {
                            failures.lock().unwrap().push(format!(
                                "{} --dotenv {dialect}: want {want}, got exit {:?} {} {stderr}",
                                case["file"],
                                out.status.code(),
                                String::from_utf8_lossy(&out.stdout)
                            ));
                        }
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// python-dotenv as the application calls it (`load_dotenv`: the real environment wins inside
/// references), each case with exactly its environment; the statements it skips with a
/// warning, by the line where each starts.
const PYTHON: &str = r#"
import io, json, logging, os, re, sys
from dotenv.main import DotEnv
from dotenv.parser import parse_stream
logging.disable(logging.CRITICAL)
out = {}
for case in json.load(open(sys.argv[1])):
    path = os.path.join(sys.argv[2], case["file"])
    os.environ.clear(); os.environ.update(case["env"])
    text = open(path, encoding="utf-8").read()
    errors, offset = [], 0
    for b in parse_stream(io.StringIO(text)):
        s = b.original.string
        lead = len(s) - len(s.lstrip())
        if b.error:
            errors.append(1 + len(re.findall(r"\r\n|\n|\r", text[:offset + lead])))
        offset += len(s)
    out[case["file"]] = {"refused": errors} if errors else {"values": DotEnv(path, override=False).dict()}
print(json.dumps(out))
"#;

#[test]
fn the_real_python_dotenv_reads_the_corpus_as_committed() {
    let probe = Command::new("python3")
        .args(["-c", "import dotenv"])
        .output();
    if !available(
        "python-dotenv (python3 -m pip install python-dotenv)",
        probe.is_ok_and(|o| o.status.success()),
    ) {
        return;
    }
    let out = Command::new("python3")
        .args(["-c", PYTHON])
        .arg(corpus_dir().join("cases.json"))
        .arg(corpus_dir().join("cases"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let real: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut failures = Vec::new();
    for case in cases() {
        let file = case["file"].as_str().unwrap();
        if real[file] != case["python"] {
            failures.push(format!(
                "{file}: python-dotenv {} corpus {}",
                real[file], case["python"]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn env0(bytes: &[u8]) -> serde_json::Map<String, Value> {
    let mut out = serde_json::Map::new();
    for item in bytes.split(|b| *b == 0) {
        if let Some(eq) = item.iter().position(|b| *b == b'=') {
            let k = String::from_utf8_lossy(&item[..eq]).to_string();
            if !["PWD", "SHLVL", "_", "OLDPWD"].contains(&k.as_str()) {
                out.insert(k, String::from_utf8_lossy(&item[eq + 1..]).into());
            }
        }
    }
    out
}

#[test]
fn bash_sources_the_corpus_as_committed() {
    if !available(
        "bash",
        Command::new("bash").arg("-c").arg("true").output().is_ok(),
    ) {
        return;
    }
    let dir = corpus_dir().join("cases");
    let mut failures = Vec::new();
    let mut compared = 0;
    for case in cases() {
        let Some(want) = case["shell"].get("environment") else {
            continue;
        };
        let file = dir.join(case["file"].as_str().unwrap());
        let out = Command::new("env")
            .arg("-i")
            .args(env_of(&case).iter().map(|(k, v)| format!("{k}={v}")))
            .args(["bash", "-c", "set -a; . \"$0\" >/dev/null; env -0"])
            .arg(&file)
            .output()
            .unwrap();
        compared += 1;
        let got = Value::Object(env0(&out.stdout));
        if got != *want || !out.stderr.is_empty() {
            failures.push(format!(
                "{}: bash {got} ({}) corpus {want}",
                case["file"],
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(compared >= 100, "only {compared} shell cases compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
