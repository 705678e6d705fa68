//! `--report FILE.html`: one self-contained page of a suite run, its tables and inline SVG
//! charts; nothing is fetched to view it (no scripts, fonts or links), and every element is
//! closed so it also reads as XML.

use std::fmt::Write;

use super::suite::{Spectrum, SuiteReport};
use super::values::DataSize;

/// Escapes text for an element or an attribute.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

const PALETTE: [&str; 10] = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
];

/// One line of a chart.
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
}

/// A line chart; a log axis is base 10.
pub struct Chart {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub x_log: bool,
    pub y_log: bool,
    /// Tick positions and labels of the x axis (data units); none: decades or five steps.
    pub x_ticks: Vec<(f64, String)>,
    pub y_unit: fn(f64) -> String,
    pub series: Vec<Series>,
}

const W: f64 = 720.0;
const H: f64 = 380.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 170.0;
const TOP: f64 = 36.0;
const BOTTOM: f64 = 50.0;

/// Maps data to the plot on one axis.
struct Axis {
    log: bool,
    lo: f64,
    hi: f64,
}

impl Axis {
    fn new(values: impl Iterator<Item = f64>, log: bool) -> Axis {
        let (mut lo, mut hi) = (f64::MAX, f64::MIN);
        for v in values.filter(|v| v.is_finite() && (!log || *v > 0.0)) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if lo > hi {
            (lo, hi) = (1.0, 10.0);
        }
        if log {
            lo = 10f64.powf(lo.log10().floor());
            hi = 10f64.powf(hi.log10().ceil());
            if hi <= lo {
                hi = lo * 10.0;
            }
        } else {
            lo = 0.0;
            hi = nice_ceiling(hi.max(1e-9));
        }
        Axis { log, lo, hi }
    }

    /// Position from 0 to 1.
    fn frac(&self, v: f64) -> f64 {
        if self.log {
            let v = v.max(self.lo);
            (v.log10() - self.lo.log10()) / (self.hi.log10() - self.lo.log10())
        } else {
            (v - self.lo) / (self.hi - self.lo)
        }
    }

    fn ticks(&self) -> Vec<f64> {
        if self.log {
            let mut out = Vec::new();
            let mut t = self.lo;
            while t <= self.hi * 1.0001 {
                out.push(t);
                t *= 10.0;
            }
            out
        } else {
            (0..=5).map(|i| self.hi * i as f64 / 5.0).collect()
        }
    }
}

/// 1, 2 or 5 times a power of ten at or above `v`.
fn nice_ceiling(v: f64) -> f64 {
    let p = 10f64.powf(v.log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if m * p >= v {
            return m * p;
        }
    }
    10.0 * p
}

pub fn plain(v: f64) -> String {
    if v >= 1e6 {
        format!("{}M", trim(v / 1e6))
    } else if v >= 1e3 {
        format!("{}k", trim(v / 1e3))
    } else {
        trim(v)
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub fn micros(v: f64) -> String {
    if v >= 1e6 {
        format!("{} s", trim(v / 1e6))
    } else if v >= 1e3 {
        format!("{} ms", trim(v / 1e3))
    } else {
        format!("{} µs", trim(v))
    }
}

fn times(v: f64) -> String {
    format!("{}x", trim(v))
}

fn bytes(v: f64) -> String {
    if v >= 1e9 {
        format!("{} GB", trim(v / 1e9))
    } else if v >= 1e6 {
        format!("{} MB", trim(v / 1e6))
    } else if v >= 1e3 {
        format!("{} kB", trim(v / 1e3))
    } else {
        format!("{} B", trim(v))
    }
}

impl Chart {
    pub fn svg(&self) -> String {
        let xs = Axis::new(
            self.series
                .iter()
                .flat_map(|s| s.points.iter().map(|p| p.0))
                .chain(self.x_ticks.iter().map(|t| t.0)),
            self.x_log,
        );
        let ys = Axis::new(
            self.series
                .iter()
                .flat_map(|s| s.points.iter().map(|p| p.1)),
            self.y_log,
        );
        let pw = W - LEFT - RIGHT;
        let ph = H - TOP - BOTTOM;
        let px = |v: f64| LEFT + xs.frac(v) * pw;
        let py = |v: f64| TOP + (1.0 - ys.frac(v)) * ph;
        let mut s = String::new();
        let _ = write!(
            s,
            r#"<svg width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" font-family="sans-serif" font-size="12"><title>{}</title>"#,
            esc(&self.title)
        );
        let _ = write!(
            s,
            r#"<text x="{}" y="20" font-size="14" font-weight="bold">{}</text>"#,
            LEFT,
            esc(&self.title)
        );
        let _ = write!(
            s,
            r##"<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>"##
        );
        for t in ys.ticks() {
            let y = py(t);
            let _ = write!(
                s,
                r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
                LEFT + pw,
                LEFT - 6.0,
                y + 4.0,
                esc(&(self.y_unit)(t))
            );
        }
        let x_ticks: Vec<(f64, String)> = if self.x_ticks.is_empty() {
            xs.ticks().into_iter().map(|t| (t, plain(t))).collect()
        } else {
            self.x_ticks.clone()
        };
        for (t, label) in &x_ticks {
            let x = px(*t);
            let _ = write!(
                s,
                r##"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{:.1}" stroke="#ddd"/><text x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
                TOP + ph,
                TOP + ph + 16.0,
                esc(label)
            );
        }
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            LEFT + pw / 2.0,
            H - 10.0,
            esc(&self.x_label)
        );
        let _ = write!(
            s,
            r#"<text x="16" y="{:.1}" text-anchor="middle" transform="rotate(-90 16 {:.1})">{}</text>"#,
            TOP + ph / 2.0,
            TOP + ph / 2.0,
            esc(&self.y_label)
        );
        for (i, series) in self.series.iter().enumerate() {
            let color = PALETTE[i % PALETTE.len()];
            let pts: Vec<String> = series
                .points
                .iter()
                .filter(|p| p.0.is_finite() && p.1.is_finite())
                .map(|p| format!("{:.1},{:.1}", px(p.0), py(p.1)))
                .collect();
            let _ = write!(
                s,
                r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="2"/>"#,
                pts.join(" ")
            );
            for p in &pts {
                if let Some((x, y)) = p.split_once(',') {
                    let _ = write!(s, r#"<circle cx="{x}" cy="{y}" r="2.5" fill="{color}"/>"#);
                }
            }
            let ly = TOP + 14.0 + 18.0 * i as f64;
            let lx = W - RIGHT + 12.0;
            let _ = write!(
                s,
                r#"<line x1="{lx}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{color}" stroke-width="3"/><text x="{:.1}" y="{ly:.1}">{}</text>"#,
                ly - 4.0,
                lx + 18.0,
                ly - 4.0,
                lx + 24.0,
                esc(&series.name)
            );
        }
        s.push_str("</svg>");
        s
    }
}

/// The latency spectrum of a suite: x is the percentile on the 1/(1-p) log axis (as the
/// HdrHistogram plotter draws it), y the latency on a log axis.
fn spectrum_chart(title: &str, spectra: &[Spectrum]) -> Chart {
    let ticks = [
        (0.0, "0%"),
        (90.0, "90%"),
        (99.0, "99%"),
        (99.9, "99.9%"),
        (99.99, "99.99%"),
        (99.999, "99.999%"),
    ];
    let x = |p: f64| 1.0 / (1.0 - p / 100.0);
    Chart {
        title: format!("{title}: latency by percentile"),
        x_label: "percentile".into(),
        y_label: "latency".into(),
        x_log: true,
        y_log: true,
        x_ticks: ticks.iter().map(|(p, l)| (x(*p), l.to_string())).collect(),
        y_unit: micros,
        series: spectra
            .iter()
            .map(|s| Series {
                name: s.label.clone(),
                points: s
                    .percentiles
                    .iter()
                    .zip(&s.latency_us)
                    .map(|(p, v)| (x(*p), (*v).max(1) as f64))
                    .collect(),
            })
            .collect(),
    }
}

fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    out.push_str("<table><thead><tr>");
    for h in header {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows {
        out.push_str("<tr>");
        for c in r {
            let _ = write!(out, "<td>{}</td>", esc(c));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

const STYLE: &str = "body{font-family:sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;margin:1em 0}\
th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}\
th{background:#f3f3f3}svg{display:block;margin:1em 0}";

/// The whole page.
pub fn page(r: &SuiteReport) -> String {
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>");
    let _ = write!(
        o,
        "<title>redkit bench suites</title><style>{STYLE}</style></head><body><h1>redkit bench</h1>"
    );
    let length = match (r.step_ms, r.requests_per_step) {
        (Some(ms), _) => format!("steps of {ms} ms"),
        (None, Some(n)) => format!("steps of {n} requests"),
        _ => String::new(),
    };
    let _ = write!(
        o,
        "<p>{} (redis {}), {}, pipeline {}, {}</p>",
        esc(&r.server.target),
        esc(&r.server.version),
        crate::output::number::plural(r.clients as u64, "client"),
        r.pipeline,
        esc(&length)
    );
    for s in &r.suites {
        let _ = write!(o, "<h2>{}</h2>", esc(s.suite.name()));
        if let Some(rows) = &s.batching {
            let body: Vec<Vec<String>> = rows
                .iter()
                .map(|b| {
                    vec![
                        b.batch.to_string(),
                        format!("{:.0}", b.mset_keys_per_sec),
                        format!("{:.0}", b.set_keys_per_sec),
                        format!("{:.2}x", b.mset_speedup),
                        format!("{:.0}", b.mget_keys_per_sec),
                        format!("{:.0}", b.get_keys_per_sec),
                        format!("{:.2}x", b.mget_speedup),
                    ]
                })
                .collect();
            table(
                &mut o,
                &[
                    "batch",
                    "mset keys/s",
                    "set keys/s",
                    "mset speedup",
                    "mget keys/s",
                    "get keys/s",
                    "mget speedup",
                ],
                &body,
            );
            let line = |f: fn(&super::suite::BatchRow) -> f64| -> Vec<(f64, f64)> {
                rows.iter().map(|b| (b.batch as f64, f(b))).collect()
            };
            o.push_str(
                &Chart {
                    title: "speedup of MSET/MGET over one key per command".into(),
                    x_label: "keys per command".into(),
                    y_label: "speedup (keys/s)".into(),
                    x_log: true,
                    y_log: false,
                    x_ticks: Vec::new(),
                    y_unit: times,
                    series: vec![
                        Series {
                            name: "MSET vs SET".into(),
                            points: line(|b| b.mset_speedup),
                        },
                        Series {
                            name: "MGET vs GET".into(),
                            points: line(|b| b.mget_speedup),
                        },
                    ],
                }
                .svg(),
            );
        }
        if let Some(p) = &s.pool {
            let body: Vec<Vec<String>> = p
                .rows
                .iter()
                .map(|x| {
                    vec![
                        x.clients.to_string(),
                        format!("{:.0}", x.ops_per_sec),
                        x.p50_us.to_string(),
                        x.p99_us.to_string(),
                        x.p999_us.to_string(),
                    ]
                })
                .collect();
            table(
                &mut o,
                &["connections", "ops/s", "p50 µs", "p99 µs", "p99.9 µs"],
                &body,
            );
            let _ = write!(
                o,
                "<p>knee: {} connections reach 90% of the peak {:.0} ops/s; p99 starts climbing at {}</p>",
                p.knee_clients
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| "-".into()),
                p.peak_ops_per_sec,
                p.p99_climbs_at
                    .map(|c| format!("{c} connections"))
                    .unwrap_or_else(|| "no size tried".into())
            );
            let ticks: Vec<(f64, String)> = p
                .rows
                .iter()
                .map(|x| (x.clients as f64, x.clients.to_string()))
                .collect();
            o.push_str(
                &Chart {
                    title: "throughput by connections".into(),
                    x_label: "connections".into(),
                    y_label: "ops/s".into(),
                    x_log: true,
                    y_log: false,
                    x_ticks: ticks.clone(),
                    y_unit: plain,
                    series: vec![Series {
                        name: "GET ops/s".into(),
                        points: p
                            .rows
                            .iter()
                            .map(|x| (x.clients as f64, x.ops_per_sec))
                            .collect(),
                    }],
                }
                .svg(),
            );
            o.push_str(
                &Chart {
                    title: "p99 by connections".into(),
                    x_label: "connections".into(),
                    y_label: "p99".into(),
                    x_log: true,
                    y_log: true,
                    x_ticks: ticks,
                    y_unit: micros,
                    series: vec![Series {
                        name: "GET p99".into(),
                        points: p
                            .rows
                            .iter()
                            .map(|x| (x.clients as f64, x.p99_us.max(1) as f64))
                            .collect(),
                    }],
                }
                .svg(),
            );
        }
        if let Some(rows) = &s.values {
            let body: Vec<Vec<String>> = rows
                .iter()
                .map(|v| {
                    vec![
                        DataSize::Fixed(v.size_bytes).describe(),
                        v.workload.name().to_string(),
                        format!("{:.0}", v.ops_per_sec),
                        format!("{:.1}", v.bytes_per_sec / 1e6),
                        v.p50_us.to_string(),
                        v.p99_us.to_string(),
                    ]
                })
                .collect();
            table(
                &mut o,
                &["size", "workload", "ops/s", "MB/s", "p50 µs", "p99 µs"],
                &body,
            );
            let series = |w: super::workload::Workload| Series {
                name: format!("{} bytes/s", w.name()),
                points: rows
                    .iter()
                    .filter(|v| v.workload == w)
                    .map(|v| (v.size_bytes as f64, v.bytes_per_sec.max(1.0)))
                    .collect(),
            };
            o.push_str(
                &Chart {
                    title: "throughput by value size".into(),
                    x_label: "value size".into(),
                    y_label: "bytes/s".into(),
                    x_log: true,
                    y_log: true,
                    x_ticks: super::suite::VALUE_SIZES
                        .iter()
                        .map(|n| (*n as f64, DataSize::Fixed(*n).describe()))
                        .collect(),
                    y_unit: bytes,
                    series: vec![
                        series(super::workload::Workload::Set),
                        series(super::workload::Workload::Get),
                    ],
                }
                .svg(),
            );
        }
        if let Some(rows) = &s.app {
            let body: Vec<Vec<String>> = rows
                .iter()
                .map(|a| {
                    vec![
                        a.workload.name().to_string(),
                        a.shape.clone(),
                        format!("{:.0}", a.ops_per_sec),
                        a.p50_us.to_string(),
                        a.p99_us.to_string(),
                        a.hit_rate.map(|h| format!("{h}%")).unwrap_or("-".into()),
                    ]
                })
                .collect();
            table(
                &mut o,
                &["workload", "shape", "ops/s", "p50 µs", "p99 µs", "hit rate"],
                &body,
            );
        }
        if !s.spectra.is_empty() {
            o.push_str(&spectrum_chart(s.suite.name(), &s.spectra).svg());
        }
    }
    for p in &r.problems {
        let _ = write!(o, "<p>problem: {}</p>", esc(p));
    }
    o.push_str("</body></html>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_axes() {
        assert_eq!(esc("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
        assert_eq!(nice_ceiling(73.0), 100.0);
        assert_eq!(nice_ceiling(130.0), 200.0);
        let a = Axis::new([3.0, 4000.0].into_iter(), true);
        assert_eq!((a.lo, a.hi), (1.0, 10_000.0));
        assert_eq!(a.ticks().len(), 5);
        assert_eq!(micros(1500.0), "1.5 ms");
        let svg = Chart {
            title: "t <x>".into(),
            x_label: "x".into(),
            y_label: "y".into(),
            x_log: false,
            y_log: false,
            x_ticks: Vec::new(),
            y_unit: plain,
            series: vec![Series {
                name: "s".into(),
                points: vec![(1.0, 2.0), (2.0, f64::NAN)],
            }],
        }
        .svg();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("t &lt;x&gt;") && !svg.contains("NaN"));
    }
}
