//! `cache flush`: the flush report as a table, and the confirmation. The SCAN + UNLINK engine
//! itself is `ops::unlink` (bench's cleanup uses it too).

use std::io::{self, Write};

use comfy_table::Cell;

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
            "{verb} {n} keys matching '{}' on {} node(s) in {:.1}s ({} keys/s){}{}",
            self.pattern,
            self.nodes.len(),
            self.elapsed_ms as f64 / 1000.0,
            self.keys_per_sec,
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
        for node in &self.nodes {
            let note = match &node.error {
                Some(e) => ui.paint(e.as_str()).red().to_string(),
                None => node
                    .sample
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
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
