//! The screen of `redkit top`: a header, one row per node (sortable by any column, columns
//! dropped by priority to fit the width, a node down in red), the pane on screen and the keys.

use ratatui::Frame as Screen;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};

use super::fleet::Pane;
use super::sample::{Frame, NodeRow};
use crate::output::escape::escape_str;
use crate::output::number::{micros, sig3};

/// A column of the node table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Node,
    Role,
    Ops,
    P99,
    Mem,
    MaxPct,
    Frag,
    Hit,
    Clients,
    Evict,
    Lag,
    Slots,
}

impl Col {
    pub const ALL: [Col; 12] = [
        Col::Node,
        Col::Role,
        Col::Ops,
        Col::P99,
        Col::Mem,
        Col::MaxPct,
        Col::Frag,
        Col::Hit,
        Col::Clients,
        Col::Evict,
        Col::Lag,
        Col::Slots,
    ];

    fn title(self) -> &'static str {
        match self {
            Col::Node => "node",
            Col::Role => "role",
            Col::Ops => "ops/s",
            Col::P99 => "p99",
            Col::Mem => "mem",
            Col::MaxPct => "%max",
            Col::Frag => "frag",
            Col::Hit => "hit%",
            Col::Clients => "conns",
            Col::Evict => "evict",
            Col::Lag => "lag",
            Col::Slots => "slots",
        }
    }

    /// Width, and the order columns are given up in on a narrow screen (higher goes first).
    fn width(self) -> (u16, u8) {
        match self {
            Col::Node => (16, 0),
            Col::Role => (7, 0),
            Col::Ops => (7, 0),
            Col::P99 => (6, 1),
            Col::Mem => (6, 0),
            Col::MaxPct => (4, 2),
            Col::Frag => (5, 5),
            Col::Hit => (4, 2),
            Col::Clients => (5, 3),
            Col::Evict => (6, 2),
            Col::Lag => (8, 1),
            Col::Slots => (5, 4),
        }
    }

    pub fn by_name(name: &str) -> Option<Col> {
        Col::ALL
            .into_iter()
            .find(|c| c.title() == name || format!("{c:?}").eq_ignore_ascii_case(name))
    }

    pub fn names() -> Vec<&'static str> {
        Col::ALL.iter().map(|c| c.title()).collect()
    }

    /// The figure sorted by (None sorts last).
    fn key(self, n: &NodeRow) -> Option<f64> {
        match self {
            Col::Node | Col::Role => None,
            Col::Ops => n.ops_per_sec,
            Col::P99 => n.worst_p99_us,
            Col::Mem => n.used_memory,
            Col::MaxPct => max_pct(n),
            Col::Frag => n.fragmentation,
            Col::Hit => n.hit_pct,
            Col::Clients => n.clients,
            Col::Evict => n.evictions_per_sec,
            // A replica cut off from its master first: it is the one behind.
            Col::Lag => n
                .link_down
                .as_ref()
                .map(|_| f64::INFINITY)
                .or(n.lag_bytes.or(n.lag_secs)),
            Col::Slots => n.slots.map(f64::from),
        }
    }

    /// The cell's text, control bytes escaped (a recording, or a server, is untrusted).
    pub fn cell(self, n: &NodeRow) -> String {
        crate::output::escape::escape_str(&self.raw_cell(n))
    }

    fn raw_cell(self, n: &NodeRow) -> String {
        if !n.up && !matches!(self, Col::Node | Col::Role) {
            return if self == Col::Ops {
                "DOWN".into()
            } else {
                String::new()
            };
        }
        match self {
            Col::Node => n.addr.clone(),
            Col::Role => {
                if n.up {
                    n.role.clone()
                } else {
                    "down".into()
                }
            }
            Col::Ops => opt(n.ops_per_sec, ops),
            Col::P99 => opt(n.worst_p99_us, micros),
            Col::Mem => opt(n.used_memory, bytes),
            Col::MaxPct => opt(max_pct(n), |p| format!("{p:.0}%")),
            Col::Frag => opt(n.fragmentation, |f| format!("{f:.2}")),
            Col::Hit => opt(n.hit_pct, |p| format!("{p:.0}%")),
            Col::Clients => opt(n.clients, |c| format!("{c:.0}")),
            Col::Evict => opt(n.evictions_per_sec, sig3),
            Col::Lag => match (&n.link_down, n.lag_bytes, n.lag_secs) {
                // The replica lost its master: how long, not a lag it cannot know.
                (Some(d), _, _) => d
                    .secs
                    .map_or("no link".into(), |s| format!("down {}", short_secs(s))),
                (None, None, None) => "-".into(),
                // The replica's offset is its master's: nothing to catch up, whatever the
                // seconds since the last interaction.
                (None, Some(b), _) if b <= 0.0 => "in sync".into(),
                (None, b, s) => format!(
                    "{} {}",
                    b.map_or("-".into(), bytes),
                    s.map_or("-".into(), |s| format!("{s:.0}s"))
                ),
            },
            // A replica holds no slots of its own, whether or not it was a master once.
            Col::Slots if n.role != "master" => "-".into(),
            Col::Slots => n.slots.map_or("-".into(), |s| s.to_string()),
        }
    }
}

/// Operations per second in whole numbers, one format down the column (`2`, `984`, `12300`:
/// three significant figures from 100 on), not `0.997` beside `984` (review-24 F8).
fn ops(x: f64) -> String {
    if x >= 99.5 {
        sig3(x.round())
    } else {
        format!("{x:.0}")
    }
}

/// Seconds in at most 4 characters: `12s`, `95m`, `30h`, `12d`.
fn short_secs(s: f64) -> String {
    let s = s.max(0.0);
    if s < 100.0 {
        format!("{s:.0}s")
    } else if s < 6000.0 {
        format!("{:.0}m", (s / 60.0).floor())
    } else if s < 360_000.0 {
        format!("{:.0}h", (s / 3600.0).floor())
    } else {
        format!("{:.0}d", (s / 86400.0).floor())
    }
}

fn max_pct(n: &NodeRow) -> Option<f64> {
    match (n.used_memory, n.maxmemory) {
        (Some(u), Some(m)) if m > 0.0 => Some(u * 100.0 / m),
        _ => None,
    }
}

fn opt(v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    v.map_or("-".into(), f)
}

pub fn bytes(b: f64) -> String {
    const UNITS: [&str; 5] = ["B", "K", "M", "G", "T"];
    let mut v = b;
    let mut i = 0;
    while v >= 1024.0 && i < UNITS.len() - 1 {
        v /= 1024.0;
        i += 1;
    }
    if i == 0 {
        format!("{v:.0}B")
    } else if v >= 100.0 {
        format!("{v:.0}{}", UNITS[i])
    } else {
        format!("{v:.1}{}", UNITS[i])
    }
}

/// What the screen shows besides the frame.
pub struct View {
    pub sort: Col,
    pub reverse: bool,
    pub pane: Pane,
    /// `live 127.0.0.1:7000 (cluster)` or `replay FILE 3/40`.
    pub source: String,
    pub note: Option<String>,
}

/// The columns that fit `width`, in table order.
pub fn fitting(width: u16) -> Vec<Col> {
    let mut cols: Vec<Col> = Col::ALL.to_vec();
    let need = |c: &[Col]| c.iter().map(|c| c.width().0 + 1).sum::<u16>();
    while need(&cols) > width {
        let Some(drop) = cols
            .iter()
            .copied()
            .filter(|c| c.width().1 > 0)
            .max_by_key(|c| c.width().1)
        else {
            break;
        };
        cols.retain(|c| *c != drop);
    }
    cols
}

/// The rows in the order the view sorts them.
pub fn sorted<'a>(frame: &'a Frame, v: &View) -> Vec<&'a NodeRow> {
    let mut rows: Vec<&NodeRow> = frame.nodes.iter().collect();
    rows.sort_by(|a, b| {
        let o = match v.sort {
            Col::Node => a.addr.cmp(&b.addr),
            Col::Role => a.role.cmp(&b.role).then(a.addr.cmp(&b.addr)),
            c => match (c.key(a), c.key(b)) {
                // Biggest first: the question is "who is busiest".
                (Some(x), Some(y)) => y.total_cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.addr.cmp(&b.addr),
            },
        };
        if v.reverse { o.reverse() } else { o }
    });
    rows
}

pub fn draw(s: &mut Screen, frame: &Frame, v: &View) {
    let area = s.area();
    // A note (end of a recording, damaged lines skipped) gets a line of its own, so a narrow
    // screen does not cut it off the header.
    let note_h = u16::from(v.note.is_some());
    let pane_h = if v.pane == Pane::None {
        0
    } else {
        pane_height(area.height, note_h, frame.nodes.len())
    };
    let [head, note, table, pane, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(note_h),
        Constraint::Min(3),
        Constraint::Length(pane_h),
        Constraint::Length(1),
    ])
    .areas(area);
    let up = frame.nodes.iter().filter(|n| n.up).count();
    let when = chrono::DateTime::from_timestamp_millis((frame.at * 1000.0) as i64)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%H:%M:%S")
                .to_string()
        })
        .unwrap_or_default();
    let every =
        crate::duration::format(std::time::Duration::from_secs_f64(frame.interval.max(0.0)));
    let title = title_line(
        &escape_str(&v.source),
        &when,
        &format!("{up}/{} nodes up", frame.nodes.len()),
        &every,
        usize::from(head.width),
    );
    s.render_widget(
        Paragraph::new(title).style(Style::default().add_modifier(Modifier::BOLD)),
        head,
    );
    if let Some(n) = &v.note {
        s.render_widget(
            Paragraph::new(escape_str(n)).style(Style::default().fg(Color::Yellow)),
            note,
        );
    }
    node_table(s, table, frame, v);
    if pane_h > 0 {
        pane_view(s, pane, frame, v);
    }
    s.render_widget(
        Paragraph::new(
            "q quit  ←/→ sort  r reverse  p pane (slow log, commands, clients, streams)",
        )
        .style(Style::default().fg(Color::DarkGray)),
        keys,
    );
}

/// The pane's lines: a third of the screen (4 to 12), or all the node table leaves free
/// (review-24 F3: the clients pane kept to 10 rows under blank lines), never squeezing the
/// node table below its header and 2 rows.
fn pane_height(height: u16, note_h: u16, nodes: usize) -> u16 {
    let avail = height.saturating_sub(2 + note_h);
    let table = u16::try_from(nodes).unwrap_or(u16::MAX).saturating_add(1);
    avail
        .saturating_sub(table)
        .max((height / 3).clamp(4, 12))
        .min(avail.saturating_sub(3))
}

/// The header line within `width` columns, shortened by priority, never cut inside a word:
/// the interval goes first, then the source gives way from its middle (`live master my…
/// 127.0.0.1:26379`), then the name; the clock and `N/M nodes up` stay whole (review-24 F6).
fn title_line(source: &str, when: &str, nodes: &str, every: &str, width: usize) -> String {
    use crate::output::width::{cut_middle, width as cols};
    let full = format!("redkit top  {source}  {when}  {nodes}  every {every}");
    if cols(&full) <= width {
        return full;
    }
    let fixed = format!("redkit top    {when}  {nodes}");
    let room = width.saturating_sub(cols(&fixed));
    if room >= cols(source) {
        return format!("redkit top  {source}  {when}  {nodes}");
    }
    if room >= 12 {
        return format!("redkit top  {}  {when}  {nodes}", cut_middle(source, room));
    }
    let room = width.saturating_sub(cols(&format!("  {when}  {nodes}")));
    if room >= 12 {
        return format!("{}  {when}  {nodes}", cut_middle(source, room));
    }
    let last = format!("{when}  {nodes}");
    if cols(&last) <= width {
        last
    } else {
        nodes.to_string()
    }
}

fn node_table(s: &mut Screen, area: Rect, frame: &Frame, v: &View) {
    let cols = fitting(area.width);
    let header = Row::new(cols.iter().map(|c| {
        if *c == v.sort {
            format!("{}{}", c.title(), if v.reverse { "▲" } else { "▼" })
        } else {
            c.title().to_string()
        }
    }))
    .style(Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED));
    let rows = sorted(frame, v).into_iter().map(|n| {
        let row = Row::new(cols.iter().map(|c| {
            let cell = ratatui::widgets::Cell::from(c.cell(n));
            // A replica cut off from its master: the figure an operator looks for, in red.
            if *c == Col::Lag && n.up && n.link_down.is_some() {
                cell.style(Style::default().fg(Color::Red).add_modifier(Modifier::BOLD))
            } else {
                cell
            }
        }));
        if n.up {
            row
        } else {
            row.style(Style::default().fg(Color::White).bg(Color::Red))
        }
    });
    let widths: Vec<Constraint> = cols
        .iter()
        .map(|c| Constraint::Length(c.width().0))
        .collect();
    s.render_widget(Table::new(rows, widths).header(header), area);
    // A down row says why across the figures it has not got (a table cell would cut it).
    let from: u16 = cols
        .iter()
        .take_while(|c| matches!(c, Col::Node | Col::Role))
        .map(|c| c.width().0 + 1)
        .sum();
    for (i, n) in sorted(frame, v).iter().enumerate() {
        let y = area.y + 1 + i as u16;
        if n.up || y >= area.y + area.height || from >= area.width {
            continue;
        }
        let why = n.error.as_deref().unwrap_or("no answer");
        let at = Rect::new(area.x + from, y, area.width - from, 1);
        s.render_widget(
            Paragraph::new(escape_str(&format!("DOWN: {why}")))
                .style(Style::default().fg(Color::White).bg(Color::Red)),
            at,
        );
    }
}

fn pane_view(s: &mut Screen, area: Rect, frame: &Frame, v: &View) {
    let mut lines: Vec<String> = Vec::new();
    let nodes = sorted(frame, v);
    match v.pane {
        Pane::None => {}
        Pane::Slowlog => {
            lines.push(format!("{:<21} {:>5} {:>8} command", "node", "age", "took"));
            for n in &nodes {
                for e in &n.slowlog {
                    lines.push(format!(
                        "{:<21} {:>5} {:>8} {}",
                        n.addr,
                        short_secs(frame.at - e.at as f64),
                        micros(e.micros as f64),
                        e.command
                    ));
                }
            }
            if lines.len() == 1 {
                lines.push(String::from(
                    "slow log is empty on every node (slowlog-log-slower-than decides what enters)",
                ));
            }
        }
        Pane::Commands => {
            let mut all: Vec<(&str, &super::sample::CommandRow)> = nodes
                .iter()
                .flat_map(|n| n.commands.iter().map(move |c| (n.addr.as_str(), c)))
                .collect();
            all.sort_by(|a, b| {
                b.1.calls_per_sec
                    .unwrap_or(0.0)
                    .total_cmp(&a.1.calls_per_sec.unwrap_or(0.0))
            });
            // LATENCYSTATS are since the server started, said in the header (review-24 F4).
            lines.push(format!(
                "{:<21} {:<16} {:>8} {:>9} {:>8}",
                "node", "command", "calls/s", "µs/call", "p99 since start"
            ));
            for (addr, c) in all {
                lines.push(format!(
                    "{addr:<21} {:<16} {:>8} {:>9.1} {:>8}",
                    c.command,
                    opt(c.calls_per_sec, sig3),
                    c.usec_per_call,
                    opt(c.p99_us, micros)
                ));
            }
        }
        Pane::Clients => {
            lines.push(format!(
                "{:<21} {:<21} {:<8} {:>8} {:>6} name",
                "node", "client", "kind", "omem", "idle"
            ));
            // The biggest buffers of the whole fleet first, whatever the node table's order
            // (review-24 F3); empty ones last.
            let mut all: Vec<(&str, &super::sample::ClientRow)> = nodes
                .iter()
                .flat_map(|n| n.client_buffers.iter().map(move |c| (n.addr.as_str(), c)))
                .collect();
            all.sort_by(|a, b| b.1.omem.cmp(&a.1.omem).then(a.0.cmp(b.0)));
            for (addr, c) in all {
                lines.push(format!(
                    "{addr:<21} {:<21} {:<8} {:>8} {:>5}s {}",
                    c.addr,
                    c.kind,
                    bytes(c.omem as f64),
                    c.idle,
                    c.name
                ));
            }
        }
        Pane::Streams => {
            lines.push(format!(
                "{:<24} {:<14} {:>8} {:>8} {:>8} {:>6}",
                "stream", "group", "lag", "lag s", "pending", "dead"
            ));
            for n in &nodes {
                for r in &n.streams {
                    lines.push(format!(
                        "{:<24} {:<14} {:>8} {:>8} {:>8} {:>6}",
                        r.stream,
                        r.group,
                        r.lag.map_or("-".into(), |l| l.to_string()),
                        r.lag_secs.map_or("-".into(), |l| {
                            crate::duration::format(std::time::Duration::from_secs_f64(l.max(0.0)))
                        }),
                        r.pending,
                        r.dead_letters.map_or("-".into(), |d| d.to_string())
                    ));
                }
            }
            lines.extend(streams_without_rows(frame));
        }
    }
    s.render_widget(
        Paragraph::new(
            lines
                .iter()
                .map(|l| Line::from(escape_str(l)))
                .collect::<Vec<_>>(),
        )
        .block(Block::default().borders(Borders::TOP).title(v.pane.title())),
        area,
    );
}

/// Why a stream `--stream` named has no row in the streams pane: it has no consumer group,
/// there is no such key (or no key matches the glob), or nothing was named.
fn streams_without_rows(frame: &Frame) -> Vec<String> {
    if frame.streams_named.is_empty() {
        // Nothing named, or a frame read before the pane was shown (a recording made without
        // it): say how rows come.
        if frame.nodes.iter().all(|n| n.streams.is_empty()) {
            return vec![
                "no streams in this frame (top --stream KEY; read while this pane is shown)".into(),
            ];
        }
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut without: Vec<&String> = frame
        .nodes
        .iter()
        .flat_map(|n| &n.streams_without_groups)
        .collect();
    without.sort();
    without.dedup();
    for k in &without {
        out.push(format!("{k}: no consumer groups (XGROUP CREATE makes one)"));
    }
    for name in &frame.streams_named {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        let glob = name.bytes().any(|c| matches!(c, b'*' | b'?' | b'['));
        let seen = frame.nodes.iter().any(|n| {
            n.streams.iter().any(|r| r.stream == name || glob)
                || n.streams_without_groups.iter().any(|k| k == name || glob)
        });
        if !seen {
            out.push(if glob {
                format!("{name}: no stream matches")
            } else {
                format!("{name}: no such stream")
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pane_takes_the_height_the_node_table_leaves() {
        // 120x40 with 6 nodes: 40 - head - keys - 7 table lines.
        assert_eq!(pane_height(40, 0, 6), 31);
        // 80x24 with 2 nodes.
        assert_eq!(pane_height(24, 0, 2), 19);
        // Many nodes: a third of the screen still, the table keeps its header and 2 rows.
        assert_eq!(pane_height(24, 0, 40), 8);
        assert_eq!(pane_height(8, 1, 40), 2);
    }

    /// Review-24 F6: at 80 columns through Sentinel the header loses words by priority, never
    /// a part of one.
    #[test]
    fn the_header_shortens_by_priority_never_inside_a_word() {
        let sentinel = "live master mymaster via sentinel 127.0.0.1:24631";
        let full = title_line(sentinel, "12:12:25", "2/2 nodes up", "1s", 120);
        assert_eq!(
            full,
            "redkit top  live master mymaster via sentinel 127.0.0.1:24631  12:12:25  2/2 nodes up  every 1s"
        );
        let at80 = title_line(sentinel, "12:12:25", "2/2 nodes up", "1s", 80);
        assert!(at80.starts_with("redkit top  live master"), "{at80}");
        assert!(
            at80.contains("…") && at80.contains("127.0.0.1:24631"),
            "{at80}"
        );
        assert!(at80.ends_with("  12:12:25  2/2 nodes up"), "{at80}");
        assert_eq!(crate::output::width::width(&at80), 80, "{at80}");
        let two = "live 127.0.0.1:24699,127.0.0.1:21743 (cluster)";
        for w in [40, 60, 80] {
            let t = title_line(two, "12:16:25", "6/6 nodes up", "1s", w);
            assert!(crate::output::width::width(&t) <= w, "{w}: {t}");
            assert!(t.ends_with("6/6 nodes up"), "{w}: {t}");
        }
        assert_eq!(
            title_line(two, "12:16:25", "6/6 nodes up", "1s", 14),
            "6/6 nodes up"
        );
    }

    #[test]
    fn essentials_fit_80_columns() {
        let cols = fitting(80);
        let w: u16 = cols.iter().map(|c| c.width().0 + 1).sum();
        assert!(w <= 80, "{w}");
        for c in [
            Col::Node,
            Col::Role,
            Col::Ops,
            Col::P99,
            Col::Mem,
            Col::MaxPct,
            Col::Hit,
            Col::Clients,
            Col::Evict,
            Col::Lag,
        ] {
            assert!(cols.contains(&c), "{c:?} at 80 columns");
        }
        assert_eq!(fitting(200).len(), Col::ALL.len());
    }

    #[test]
    fn sorting_puts_the_biggest_first_and_unknown_figures_last() {
        let row = |a: &str, ops: Option<f64>| NodeRow {
            addr: a.into(),
            up: ops.is_some(),
            ops_per_sec: ops,
            ..NodeRow::default()
        };
        let f = Frame {
            at: 0.0,
            interval: 1.0,
            nodes: vec![
                row("a:1", Some(5.0)),
                row("b:1", None),
                row("c:1", Some(50.0)),
            ],
            streams_named: Vec::new(),
        };
        let mut v = View {
            sort: Col::Ops,
            reverse: false,
            pane: Pane::None,
            source: String::new(),
            note: None,
        };
        let order: Vec<&str> = sorted(&f, &v).iter().map(|n| n.addr.as_str()).collect();
        assert_eq!(order, ["c:1", "a:1", "b:1"]);
        v.sort = Col::Node;
        let order: Vec<&str> = sorted(&f, &v).iter().map(|n| n.addr.as_str()).collect();
        assert_eq!(order, ["a:1", "b:1", "c:1"]);
        assert_eq!(Col::Ops.cell(&f.nodes[1]), "DOWN");
        assert_eq!(Col::Role.cell(&f.nodes[1]), "down");
    }

    #[test]
    fn figures_read_short() {
        // ops/s whole: three significant figures from 100 on, no suffixes, no decimals.
        let row = |ops: f64| NodeRow {
            up: true,
            ops_per_sec: Some(ops),
            ..NodeRow::default()
        };
        assert_eq!(Col::Ops.cell(&row(12345.0)), "12300");
        assert_eq!(Col::Ops.cell(&row(39.62)), "40");
        assert_eq!(Col::Ops.cell(&row(0.997)), "1");
        assert_eq!(Col::Ops.cell(&row(99.7)), "100");
        let in_sync = NodeRow {
            up: true,
            lag_bytes: Some(0.0),
            lag_secs: Some(9.0),
            ..NodeRow::default()
        };
        assert_eq!(Col::Lag.cell(&in_sync), "in sync");
        let behind = NodeRow {
            lag_bytes: Some(2048.0),
            ..in_sync
        };
        assert_eq!(Col::Lag.cell(&behind), "2.0K 9s");
        let cut = NodeRow {
            link_down: Some(super::super::sample::LinkDown { secs: Some(125.0) }),
            ..behind.clone()
        };
        assert_eq!(Col::Lag.cell(&cut), "down 2m");
        let never = NodeRow {
            link_down: Some(super::super::sample::LinkDown { secs: None }),
            ..behind
        };
        assert_eq!(Col::Lag.cell(&never), "no link");
        assert_eq!(bytes(1536.0), "1.5K");
        assert_eq!(micros(352.0), "352µs");
        assert_eq!(micros(1200.0), "1.2ms");
        // Three significant figures, the unit never cut by the 6-column p99 cell (F10).
        for (us, text) in [
            (314_600.0, "315ms"),
            (12_340.0, "12.3ms"),
            (999.7, "1ms"),
            (999_700.0, "1s"),
            (1_002_000.0, "1s"),
            (1_640_000.0, "1.64s"),
            (99_900_000.0, "99.9s"),
        ] {
            assert_eq!(micros(us), text);
        }
        let slow = NodeRow {
            up: true,
            worst_p99_us: Some(314_600.0),
            ..NodeRow::default()
        };
        let cell = Col::P99.cell(&slow);
        assert_eq!(cell, "315ms");
        assert!(cell.chars().count() <= Col::P99.width().0 as usize);
    }
}
