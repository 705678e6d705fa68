//! The reader against redis/librdb's dumps (their `*_data.json` as the truth), corrupt and
//! truncated files, and mutated dumps that must fail cleanly, never panic.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::*;

fn fixture(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rdb")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn read_all(bytes: &[u8]) -> Result<(Vec<Key>, Meta), RdbError> {
    let mut r = Reader::new(bytes)?;
    let mut keys = Vec::new();
    while let Some(k) = r.next_key()? {
        keys.push(k);
    }
    Ok((keys, r.meta().clone()))
}

/// (key → (value's JSON shape, element count)) from a librdb `_data.json` export.
fn truth(name: &str) -> BTreeMap<String, (&'static str, u64)> {
    let text = String::from_utf8(fixture(name)).unwrap();
    let t = text.trim();
    let doc = if t.starts_with('{') || t.starts_with('[') {
        t.to_string()
    } else {
        format!("{{{t}}}")
    };
    let v: serde_json::Value = serde_json::from_str(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
    let dbs = match v {
        serde_json::Value::Array(a) => a,
        o => vec![o],
    };
    let mut out = BTreeMap::new();
    for db in dbs {
        for (k, v) in db.as_object().unwrap() {
            if k == "__aux__" {
                continue;
            }
            let shape = match v {
                serde_json::Value::String(_) => ("string", 1),
                serde_json::Value::Array(a) => ("array", a.len() as u64),
                serde_json::Value::Object(o) => match o.get("entries") {
                    Some(serde_json::Value::Array(e)) => ("stream", e.len() as u64),
                    _ => ("object", o.len() as u64),
                },
                _ => ("other", 0),
            };
            out.insert(k.clone(), shape);
        }
    }
    out
}

#[test]
fn librdb_dumps_agree_with_their_exports() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rdb");
    let mut checked = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        let Some(stem) = name.strip_suffix("_data.json") else {
            continue;
        };
        if !dir.join(format!("{stem}.rdb")).exists() {
            continue;
        }
        let (keys, _) = read_all(&fixture(&format!("{stem}.rdb")))
            .unwrap_or_else(|e| panic!("{stem}.rdb: {e}"));
        let want = truth(&name);
        let got: BTreeMap<String, &Key> = keys
            .iter()
            .map(|k| (String::from_utf8_lossy(&k.key).into_owned(), k))
            .collect();
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>(),
            "{stem}"
        );
        for (k, (shape, n)) in &want {
            let key = got[k];
            let ok = match *shape {
                "string" => matches!(key.kind, Kind::String | Kind::Module),
                "array" => matches!(key.kind, Kind::List | Kind::Set) && key.len == *n,
                "object" => matches!(key.kind, Kind::Hash | Kind::Zset) && key.len == *n,
                "stream" => key.kind == Kind::Stream && key.len == *n,
                _ => false,
            };
            assert!(ok, "{stem}: {k}: {:?} {} vs {shape} {n}", key.kind, key.len);
        }
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} dumps checked");
}

#[test]
fn every_librdb_dump_reads_or_fails_cleanly() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rdb");
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        if !name.ends_with(".rdb") {
            continue;
        }
        let r = read_all(&fixture(&name));
        // Redis Enterprise opcodes (`redis_ent_*`) are not open-source RDB: refused cleanly.
        let bad = name.starts_with("invalid_chksum")
            || name.starts_with("future_")
            || name.starts_with("redis_ent_");
        assert_eq!(r.is_err(), bad, "{name}: {:?}", r.err());
    }
}

#[test]
fn encodings_versions_and_extras() {
    let one = |f: &str| read_all(&fixture(f)).unwrap();
    let enc = |f: &str| one(f).0.iter().map(|k| k.encoding).collect::<Vec<_>>();
    assert!(enc("hash_zm_v2.rdb").contains(&"zipmap"));
    assert!(enc("hash_zl_v6.rdb").contains(&"ziplist"));
    assert!(enc("set_is_v11.rdb").contains(&"intset"));
    assert!(enc("hash_lp_with_hexpire_v12.rdb").contains(&"listpackex"));
    let (keys, _) = one("hash_with_expire_v12.rdb");
    assert!(keys.iter().any(|k| k.fields_with_ttl > 0), "{keys:?}");
    let (keys, meta) = one("module.rdb");
    assert_eq!(keys[0].module.as_deref(), Some("test__rdb"));
    assert!(meta.version >= 9);
    assert!(one("function.rdb").1.functions > 0);
    assert!(!one("cluster_slot_info.rdb").1.slots.is_empty());
    assert!(one("multiple_dbs.rdb").0.iter().any(|k| k.db > 0));
    let (_, meta) = one("single_key.rdb");
    assert!(meta.aux.iter().any(|(k, _)| k == "redis-ver"));
}

#[test]
fn refusals_name_the_version_the_offset_and_the_key() {
    let e = read_all(&fixture("future_v19.rdb")).unwrap_err();
    assert!(e.to_string().contains("RDB version 99"), "{e}");
    let e = read_all(&fixture("invalid_chksum_v8.rdb")).unwrap_err();
    assert!(e.to_string().contains("wrong checksum"), "{e}");
    let good = fixture("multiple_lists_strings.rdb");
    // Wherever it is cut (the magic too), the error names the byte where the file ends.
    for cut in [5, 10, good.len() / 2, good.len() - 9, good.len() - 1] {
        let e = read_all(&good[..cut]).unwrap_err();
        assert!(e.to_string().contains("truncated"), "{e}");
        assert_eq!(e.offset, cut as u64, "{e}");
    }
    // A corrupt key length: named as such, with the offset of the length, the key's position
    // among the keys, its database and where its record starts.
    let head = b"REDIS0011\xfe\x03\x00\x01a\x01b\x00";
    let mut huge = head.to_vec();
    huge.extend_from_slice(&[0x80, 0x7f, 0xff, 0xff, 0xff, b'x']);
    let e = read_all(&huge).unwrap_err();
    assert_eq!(
        e.to_string(),
        "bad key length 2147483647 (over Redis's 512 MB limit of a string) at byte 17 \
         (reading the name of key #2 of the dump, in db 3, record from byte 16)"
    );
    let mut long = head.to_vec();
    long.extend_from_slice(&[0x40, 0x64, b'a', b'b', b'c']);
    let e = read_all(&long).unwrap_err();
    assert_eq!(
        e.to_string(),
        "truncated RDB file or bad key length: the 100-byte name from byte 19 (its length at \
         byte 17) ends 3 bytes in, where the dump ends at byte 22 \
         (reading the name of key #2 of the dump, in db 3, record from byte 16)"
    );
    // In a value, the key is named.
    let mut cut = head.to_vec();
    cut.extend_from_slice(&[0x01, b'k', 0x05, b'v']);
    let e = read_all(&cut).unwrap_err().to_string();
    assert!(
        e.contains("(reading key 'k': key #2 of the dump, in db 3, record from byte 16)"),
        "{e}"
    );
    // A flipped byte inside a value: the checksum or the structure catches it.
    let mut bad = good.clone();
    let n = bad.len();
    bad[n / 2] ^= 0x55;
    assert!(read_all(&bad).is_err());
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 10_000, ..Default::default() })]
    /// Mutated dumps (bytes changed, cut, inserted) never panic.
    #[test]
    fn mutated_dumps_never_panic(
        which in 0usize..6,
        edits in proptest::collection::vec((0usize..100_000, 0u8..=255, 0u8..3), 1..6),
    ) {
        let names = ["stream_v11.rdb", "quicklist2_v11.rdb", "hash_zm_v2.rdb", "zset_lp_v11.rdb",
            "module.rdb", "hash_with_expire_v12.rdb"];
        let mut d = fixture(names[which]);
        for (at, b, how) in edits {
            let at = at % d.len().max(1);
            match how {
                0 => d[at] = b,
                1 => d.truncate(at),
                _ => d.insert(at, b),
            }
            if d.is_empty() { break; }
        }
        let _ = read_all(&d);
    }
}
