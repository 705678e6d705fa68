//! The table of an analysis, and its ndjson (one group per line).

use std::io::{self, Write};

use crate::output::Cell;

use serde::Serialize;

use super::tally::Group;
use super::tally::{MAX_GROUPS, OTHER};
use super::{AnalyzeReport, GroupDiff};
use crate::ops::units::format_bytes;
use crate::output::{Render, Ui};

impl crate::output::Formats for AnalyzeReport {}

fn pct(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

fn ttl(t: Option<i64>) -> String {
    match t {
        None => "none".into(),
        Some(s) if s < 0 => "expired".into(),
        Some(s) => crate::duration::format(std::time::Duration::from_secs(s as u64)),
    }
}

/// A key or group name as a table shows it: the empty name visible, and on a terminal one
/// wider than a continuation line of the table cut with `…` (whole under `--wide` or in a
/// pipe), so a long key is never broken over lines.
fn name(s: impl std::fmt::Display, ui: &Ui) -> String {
    let s = s.to_string();
    let s = if s.is_empty() { "(empty)".into() } else { s };
    match ui.width {
        Some(w) => crate::output::width::truncate(&s, w.saturating_sub(FOLD_ROOM).max(12)),
        None => s,
    }
}

/// The columns a table's continuation line leaves a cell (its indent), so a cut name never
/// makes a line wider than the terminal.
const FOLD_ROOM: usize = 4;

/// An element count; a string's "elements" are its bytes.
fn elements(key_type: &str, n: u64) -> String {
    if key_type == "string" {
        format!("{n} bytes")
    } else {
        n.to_string()
    }
}

fn signed_bytes(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "+" };
    format!("{sign}{}", format_bytes(n.unsigned_abs()))
}

/// A count of keys that will never expire: yellow when there are any (what an operator
/// looking for unbounded growth hunts for).
fn no_ttl(n: u64, ui: &Ui) -> Cell {
    if n > 0 {
        Cell::new(ui.paint(n.to_string()).yellow())
    } else {
        Cell::new(n)
    }
}

/// What `(other groups)` holds, when the dump had more distinct groups than are kept.
pub fn folded_note(n: u64) -> String {
    format!(
        "{OTHER} holds {} folded to bound memory: past {MAX_GROUPS} distinct groups the \
         lightest make room, so any group over 1/{MAX_GROUPS} of the memory has its row \
         (fewer groups: --depth 1 or another --separator)",
        crate::ops::units::count(n, "group", "groups"),
    )
}

fn group_cell(g: &str, ui: &Ui) -> Cell {
    Cell::new(ui.paint(name(g, ui)).cyan())
}

/// A line of `--format ndjson`, named by its `row`: a group (its JSON in `groups`), or with
/// --diff a group's growth (its JSON in `diff`).
#[derive(Serialize)]
#[serde(tag = "row", rename_all = "snake_case")]
enum Row<'a> {
    Group(&'a Group),
    Diff(&'a GroupDiff),
}

impl AnalyzeReport {
    /// The ndjson lines: every group, biggest first, then the growth rows of --diff.
    fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        let diff = self.diff.iter().flatten().map(Row::Diff);
        self.groups.iter().map(Row::Group).chain(diff)
    }

    /// `--format ndjson` written line by line (50,000 groups as JSON values at once would
    /// cost far more memory than the analysis).
    pub fn write_ndjson(&self, w: &mut dyn Write) -> io::Result<()> {
        for r in self.rows() {
            serde_json::to_writer(&mut *w, &r)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    }
}

impl Render for AnalyzeReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let version = match &self.redis_version {
            Some(v) => format!("RDB v{} (redis {v})", self.rdb_version),
            None => format!("RDB v{}", self.rdb_version),
        };
        let checksum = if self.checksum_verified {
            "checksum ok"
        } else {
            "no checksum"
        };
        // Two short lines rather than one long one: each fits 80 columns for any dump.
        writeln!(w, "{}: {version}, {checksum}", self.source)?;
        writeln!(
            w,
            "{}, {} estimated in memory, {} serialized, {} without TTL",
            crate::ops::units::count(self.keys, "key", "keys"),
            format_bytes(self.bytes),
            format_bytes(self.serialized_bytes),
            self.keys_without_ttl,
        )?;
        if let Some(d) = &self.only_db {
            writeln!(
                w,
                "database {} only ({}): {} of other databases not counted",
                d.db,
                d.origin,
                crate::ops::units::count(self.keys_in_other_databases, "key", "keys"),
            )?;
        }
        if !self.nodes.is_empty() {
            writeln!(w, "\nper master")?;
            let mut t = ui.table();
            t.set_header(vec![
                "master",
                "slots",
                "snapshot from",
                "keys",
                "memory",
                "share",
            ]);
            let all = self.bytes.max(1) as f64;
            for n in &self.nodes {
                t.add_row(vec![
                    Cell::new(&n.master),
                    Cell::new(&n.slots),
                    Cell::new(&n.source),
                    Cell::new(n.keys),
                    Cell::new(format_bytes(n.bytes)),
                    Cell::new(pct(n.bytes as f64 / all)),
                ]);
            }
            writeln!(w, "{t}")?;
        }
        if self.diff.as_ref().is_some_and(|d| d.is_empty()) {
            writeln!(w, "\nno change since the baseline")?;
        }
        if let Some(diff) = self.diff.as_ref().filter(|d| !d.is_empty()) {
            writeln!(w, "\ngrowth since the baseline (biggest change first)")?;
            let mut t = ui.table();
            t.set_header(vec!["group", "keys", "change", "memory", "change", "%"]);
            for d in diff.iter().take(self.top.max(1)) {
                t.add_row(vec![
                    group_cell(&d.group, ui),
                    Cell::new(d.keys_after),
                    Cell::new(format!("{:+}", d.keys_change)),
                    Cell::new(format_bytes(d.bytes_after)),
                    Cell::new(signed_bytes(d.bytes_change)),
                    Cell::new(match d.bytes_change_pct {
                        Some(p) => format!("{p:+.1}%"),
                        None => "new".into(),
                    }),
                ]);
            }
            writeln!(w, "{t}")?;
        }
        let shown = &self.groups[..self.groups.len().min(self.top)];
        // The figures of a group in two tables of the same rows, each narrow enough for 80
        // columns: size and the biggest key; then expiry and encodings.
        writeln!(
            w,
            "\ngroups by memory ({} of {})",
            shown.len(),
            self.groups.len()
        )?;
        let mut t = ui.table();
        t.set_header(vec![
            "group",
            "keys",
            "memory",
            "share",
            "no ttl",
            "biggest",
            "biggest key",
        ]);
        for g in shown {
            let (big_bytes, big_key) = match &g.biggest {
                Some(b) => (format_bytes(b.bytes), name(&b.key, ui)),
                None => (String::new(), String::new()),
            };
            t.add_row(vec![
                group_cell(&g.group, ui),
                Cell::new(g.keys),
                Cell::new(format_bytes(g.bytes)),
                Cell::new(pct(g.share)),
                no_ttl(g.keys_without_ttl, ui),
                Cell::new(big_bytes),
                Cell::new(big_key),
            ]);
        }
        writeln!(w, "{t}")?;
        if self.folded_groups > 0 {
            writeln!(w, "{}", folded_note(self.folded_groups))?;
        }
        writeln!(w, "\nexpiry and encodings by group (keys)")?;
        let mut t = ui.table();
        t.set_header(vec![
            "group",
            "expired",
            "<1h",
            "<1d",
            "<7d",
            "longer",
            "no ttl",
            "encodings",
        ]);
        for g in shown {
            let enc = g
                .encodings
                .iter()
                .map(|(e, n)| format!("{e}:{n}"))
                .collect::<Vec<_>>()
                .join(" ");
            let h = &g.ttl_histogram;
            t.add_row(vec![
                group_cell(&g.group, ui),
                Cell::new(h.expired),
                Cell::new(h.under_1h),
                Cell::new(h.under_1d),
                Cell::new(h.under_7d),
                Cell::new(h.longer),
                no_ttl(h.none, ui),
                Cell::new(enc),
            ]);
        }
        writeln!(w, "{t}")?;
        if !self.biggest.is_empty() {
            writeln!(w, "\nbiggest keys")?;
            let mut t = ui.table();
            t.set_header(vec![
                "key", "db", "type", "encoding", "elements", "memory", "ttl",
            ]);
            for b in &self.biggest {
                t.add_row(vec![
                    Cell::new(name(&b.key, ui)),
                    Cell::new(b.db),
                    Cell::new(b.key_type),
                    // A module value's encoding is its module's type name (`ReJSON-RL`).
                    Cell::new(b.module.as_deref().unwrap_or(b.encoding)),
                    Cell::new(elements(b.key_type, b.len)),
                    Cell::new(format_bytes(b.bytes)),
                    Cell::new(ttl(b.ttl_seconds)),
                ]);
            }
            writeln!(w, "{t}")?;
        }
        writeln!(w, "\ndatabases")?;
        let mut t = ui.table();
        t.set_header(vec!["db", "keys", "memory", "serialized", "no ttl"]);
        for d in &self.databases {
            t.add_row(vec![
                Cell::new(d.db),
                Cell::new(d.totals.keys),
                Cell::new(format_bytes(d.totals.bytes)),
                Cell::new(format_bytes(d.totals.serialized_bytes)),
                no_ttl(d.totals.keys_without_ttl, ui),
            ]);
        }
        writeln!(w, "{t}")?;
        writeln!(w, "\ntypes")?;
        let mut t = ui.table();
        t.set_header(vec!["type", "keys", "memory", "elements"]);
        for x in &self.types {
            t.add_row(vec![
                Cell::new(&x.key_type),
                Cell::new(x.totals.keys),
                Cell::new(format_bytes(x.totals.bytes)),
                Cell::new(elements(&x.key_type, x.totals.elements)),
            ]);
        }
        writeln!(w, "{t}")?;
        Ok(())
    }

    fn ndjson_items(&self) -> Vec<serde_json::Value> {
        self.rows()
            .map(|r| serde_json::to_value(r).unwrap_or(serde_json::Value::Null))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tally::Tally;
    use crate::rdb::Reader;

    /// A report from librdb's dump of lists and strings, read without any server.
    fn report() -> super::AnalyzeReport {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/rdb/multiple_lists_strings.rdb"
        );
        let bytes = std::fs::read(path).unwrap();
        let mut r = Reader::new(&bytes[..]).unwrap();
        let mut t = Tally::new(":", 2, 3, 0);
        while let Some(k) = r.next_key().unwrap() {
            t.add(&k);
        }
        t.finish(r.meta(), "fixture".into(), r.offset())
    }

    #[test]
    fn table_has_the_summary_groups_biggest_keys_databases_and_types() {
        let text = crate::cmd::table_of(&report());
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        assert!(lines[0].starts_with("fixture: RDB v11"), "{text}");
        assert_eq!(
            lines[1], "6 keys, 776 B estimated in memory, 143 B serialized, 6 without TTL",
            "{text}"
        );
        let words = |start: &str| -> Vec<&str> {
            lines
                .iter()
                .find(|l| l.split_whitespace().next() == Some(start))
                .map(|l| l.split_whitespace().collect())
                .unwrap_or_default()
        };
        assert_eq!(
            words("lzf_compressed")[..6],
            ["lzf_compressed", "1", "184", "B", "23.7%", "1"],
            "{text}"
        );
        assert!(text.contains("\nbiggest keys\n"), "{text}");
        // --biggest 3: three rows under the biggest keys' header.
        let big = text.split("\nbiggest keys\n").nth(1).unwrap();
        let rows = big.split("\n\n").next().unwrap().lines().count();
        assert_eq!(rows, 4, "{text}");
        assert_eq!(words("list")[..5], ["list", "3", "448", "B", "6"], "{text}");
    }

    #[test]
    fn at_80_columns_a_long_key_is_cut_on_its_line_and_wide_keeps_it() {
        let long = format!("tenant:{}:payload", "a-b".repeat(40));
        let mut t = Tally::new(":", 2, 3, 0);
        t.add(&crate::rdb::Key {
            db: 0,
            key: long.clone().into_bytes(),
            kind: crate::rdb::Kind::String,
            encoding: "raw",
            len: 5000,
            serialized: 5010,
            memory: 5120,
            expire_ms: None,
            fields_with_ttl: 0,
            module: None,
        });
        let r = t.finish(&crate::rdb::Meta::default(), "fixture".into(), 0);
        let render = |width| {
            let ui = crate::output::Ui {
                color: true,
                stdout_tty: true,
                verbose: 0,
                width,
            };
            let mut buf = Vec::new();
            crate::output::Render::table(&r, &mut buf, &ui).unwrap();
            String::from_utf8(crate::output::fit_lines(&buf, width)).unwrap()
        };
        let text = render(Some(80));
        for l in text.lines() {
            assert!(crate::output::width::width(l) <= 80, "{l}\n{text}");
            assert!(!crate::output::width::leaves_open(l), "{l:?}");
        }
        assert!(!text.contains(&long) && text.contains('…'), "{text}");
        assert!(render(None).contains(&long));
    }

    #[test]
    fn ndjson_is_one_group_per_line() {
        let r = report();
        let items = crate::output::Render::ndjson_items(&r);
        assert_eq!(items.len(), 6);
        assert_eq!(items[0]["group"], "lzf_compressed");
        assert_eq!(items[0]["row"], "group");
    }
}
