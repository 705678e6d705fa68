//! Memory by prefix segment as a flame graph: folded stacks (one `a;b;c bytes` line per
//! group, for any flame graph tool) and an SVG drawn by inferno.

use super::tally::Group;

/// One folded line per group: its segments (without the trailing separator) as frames.
pub fn folded(groups: &[Group], separator: &str) -> Vec<String> {
    let mut lines: Vec<String> = groups
        .iter()
        .filter(|g| g.bytes > 0)
        .map(|g| {
            let trimmed = g.group.strip_suffix(separator).unwrap_or(&g.group);
            let frames: Vec<String> = if separator.is_empty() {
                vec![trimmed.to_string()]
            } else {
                trimmed.split(separator).map(frame).collect()
            };
            format!("{} {}", frames.join(";"), g.bytes)
        })
        .collect();
    lines.sort();
    lines
}

/// A frame cannot hold `;` (the frame separator) or a line break.
fn frame(s: &str) -> String {
    let f: String = s
        .chars()
        .map(|c| if c == ';' || c.is_control() { '_' } else { c })
        .collect();
    if f.is_empty() { "(empty)".into() } else { f }
}

/// The SVG of the folded lines.
pub fn svg(lines: &[String], title: &str) -> anyhow::Result<Vec<u8>> {
    let mut opts = inferno::flamegraph::Options::default();
    opts.title = title.to_string();
    opts.count_name = "bytes".into();
    opts.name_type = "Prefix:".into();
    let mut out = Vec::new();
    if lines.is_empty() {
        // inferno refuses an empty graph; an empty dump still gets a (blank) picture.
        let empty = ["(no keys) 1"];
        inferno::flamegraph::from_lines(&mut opts, empty.iter().copied(), &mut out)?;
    } else {
        inferno::flamegraph::from_lines(&mut opts, lines.iter().map(String::as_str), &mut out)?;
    }
    Ok(out)
}
