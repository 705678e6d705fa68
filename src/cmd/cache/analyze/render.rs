//! The table of an analysis, and its ndjson (one group per line).

use std::io::{self, Write};

use comfy_table::Cell;

use super::AnalyzeReport;
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

fn signed_bytes(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "+" };
    format!("{sign}{}", format_bytes(n.unsigned_abs()))
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
        writeln!(
            w,
            "{}: {} keys, {} estimated in memory, {} serialized; {} without TTL; {version}, {checksum}",
            self.source,
            self.keys,
            format_bytes(self.bytes),
            format_bytes(self.serialized_bytes),
            self.keys_without_ttl,
        )?;
        if let Some(diff) = &self.diff {
            writeln!(w, "\ngrowth since the baseline (biggest change first)")?;
            let mut t = ui.table();
            t.set_header(vec!["group", "keys", "change", "memory", "change", "%"]);
            for d in diff.iter().take(self.top.max(1)) {
                t.add_row(vec![
                    Cell::new(&d.group),
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
        writeln!(
            w,
            "\ngroups by memory ({} of {})",
            self.groups.len().min(self.top),
            self.groups.len()
        )?;
        let mut t = ui.table();
        t.set_header(vec![
            "group",
            "keys",
            "memory",
            "share",
            "no ttl",
            "expired",
            "<1h",
            "<1d",
            "<7d",
            "longer",
            "encodings",
            "biggest key",
        ]);
        for g in self.groups.iter().take(self.top) {
            let enc = g
                .encodings
                .iter()
                .map(|(e, n)| format!("{e}:{n}"))
                .collect::<Vec<_>>()
                .join(" ");
            let big = g
                .biggest
                .as_ref()
                .map(|b| format!("{} ({})", b.key, format_bytes(b.bytes)))
                .unwrap_or_default();
            let h = &g.ttl_histogram;
            t.add_row(vec![
                Cell::new(&g.group),
                Cell::new(g.keys),
                Cell::new(format_bytes(g.bytes)),
                Cell::new(pct(g.share)),
                Cell::new(g.keys_without_ttl),
                Cell::new(h.expired),
                Cell::new(h.under_1h),
                Cell::new(h.under_1d),
                Cell::new(h.under_7d),
                Cell::new(h.longer),
                Cell::new(enc),
                Cell::new(big),
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
                    Cell::new(&b.key),
                    Cell::new(b.db),
                    Cell::new(b.key_type),
                    Cell::new(b.encoding),
                    Cell::new(b.len),
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
                Cell::new(d.totals.keys_without_ttl),
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
                Cell::new(x.totals.elements),
            ]);
        }
        writeln!(w, "{t}")?;
        Ok(())
    }

    /// One line per group.
    fn ndjson_items(&self) -> Vec<serde_json::Value> {
        self.groups
            .iter()
            .map(|g| serde_json::to_value(g).unwrap_or(serde_json::Value::Null))
            .collect()
    }
}
