//! `cache flush`: the flush report as a table, and the confirmation. The SCAN + UNLINK engine
//! itself is `ops::unlink` (bench's cleanup uses it too).

use std::io::{self, Write};

use crate::output::Cell;
use crate::output::number::plural;

pub use crate::ops::unlink::{FlushReport, Plan, run_all};
use crate::output::{Render, Ui};

impl crate::output::Formats for FlushReport {}

impl Render for FlushReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let verb = if self.dry_run {
            "would delete".to_string()
        } else {
            "deleted".to_string()
        };
        let n = if self.dry_run {
            self.matched
        } else {
            self.deleted
        };
        let failed = self.nodes.iter().filter(|n| n.error.is_some()).count() + self.unreached.len();
        let head = format!(
            "{verb} {} matching '{}' on {} in {:.1}s ({} keys/s){}{}",
            plural(n, "key"),
            self.pattern,
            plural(self.nodes.len() as u64, "node"),
            self.elapsed_ms as f64 / 1000.0,
            crate::output::number::sig3(self.keys_per_sec),
            if self.interrupted {
                ", interrupted"
            } else {
                ""
            },
            if failed > 0 { ", with errors" } else { "" },
        );
        let head = if failed > 0 || self.interrupted {
            ui.paint(head).yellow().bold()
        } else {
            ui.paint(head).green().bold()
        };
        writeln!(w, "{head}")?;
        let mut t = ui.table();
        t.set_header(vec!["node", "matched", "deleted", "sample / error"]);
        // Sample keys one per line, as tokens: never cut or split; the row folds instead.
        t.set_kind(3, crate::output::Kind::Token);
        for node in &self.nodes {
            let note = match &node.error {
                Some(e) => ui.paint(e.as_str()).red().to_string(),
                None => node
                    .sample
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n"),
            };
            t.add_row(vec![
                Cell::new(&node.addr),
                Cell::new(node.matched),
                Cell::new(if self.dry_run {
                    "-".into()
                } else {
                    node.deleted.to_string()
                }),
                Cell::new(note),
            ]);
        }
        for u in &self.unreached {
            t.add_row(vec![
                Cell::new(&u.addr),
                Cell::new("-"),
                Cell::new("-"),
                Cell::new(
                    ui.paint(format!("not reached (slots {}): {}", u.slots, u.reason))
                        .red()
                        .to_string(),
                ),
            ]);
        }
        writeln!(w, "{t}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::unlink::NodeFlush;
    use crate::redis::Unreached;

    fn report(dry_run: bool) -> FlushReport {
        FlushReport {
            pattern: "cache:*".into(),
            dry_run,
            matched: 12,
            deleted: if dry_run { 0 } else { 12 },
            interrupted: false,
            elapsed_ms: 1500,
            keys_per_sec: 8.0,
            nodes: vec![
                NodeFlush {
                    addr: "10.0.0.1:6379".into(),
                    matched: 12,
                    deleted: if dry_run { 0 } else { 12 },
                    redirected: 0,
                    sample: vec![
                        "cache:a".into(),
                        "cache:b".into(),
                        "cache:c".into(),
                        "cache:d".into(),
                    ],
                    error: None,
                },
                NodeFlush {
                    addr: "10.0.0.2:6379".into(),
                    matched: 0,
                    deleted: 0,
                    redirected: 0,
                    sample: vec![],
                    error: Some("NOPERM no permission".into()),
                },
            ],
            unreached: vec![Unreached {
                addr: "10.0.0.3:6379".into(),
                slots: "0-5460".into(),
                reason: "timed out".into(),
            }],
        }
    }

    #[test]
    fn table_heads_with_the_count_and_lists_each_node() {
        let text = crate::cmd::table_of(&report(false));
        let first = text.lines().next().unwrap_or_default();
        assert_eq!(
            first,
            "deleted 12 keys matching 'cache:*' on 2 nodes in 1.5s (8 keys/s), with errors"
        );
        let node = text
            .lines()
            .find(|l| l.contains("10.0.0.1:6379"))
            .expect("node 1");
        // Three sample keys at most, one per line.
        assert!(node.ends_with("cache:a"), "{text}");
        assert!(
            text.lines().any(|l| l.trim() == "cache:c") && !text.contains("cache:d"),
            "{text}"
        );
        let failed = text
            .lines()
            .find(|l| l.contains("10.0.0.2:6379"))
            .expect("node 2");
        assert!(failed.contains("NOPERM no permission"), "{text}");
        let gap = text
            .lines()
            .find(|l| l.contains("10.0.0.3:6379"))
            .expect("the gap");
        assert!(
            gap.contains("not reached (slots 0-5460): timed out"),
            "{text}"
        );
    }

    #[test]
    fn dry_run_table_says_would_delete_and_deletes_nothing() {
        let text = crate::cmd::table_of(&report(true));
        assert!(
            text.starts_with("would delete 12 keys matching 'cache:*'"),
            "{text}"
        );
        let node = text
            .lines()
            .find(|l| l.contains("10.0.0.1:6379"))
            .expect("node 1");
        let cols: Vec<&str> = node.split_whitespace().collect();
        assert_eq!(&cols[..3], ["10.0.0.1:6379", "12", "-"], "{text}");
    }
}
