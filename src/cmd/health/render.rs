//! The health report for people (a verdict line, then a section per node), for Nagios/Icinga
//! (the plugin line with perfdata) and for Prometheus (text exposition, `redkit_*` metrics).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::output::{Attribute, Cell, Color};
use serde::Serialize;

use super::report::{Check, HealthReport, Status, Unit};
use super::thresholds::num;
use crate::duration;
use crate::output::escape::escape_str;
use crate::output::number::percent;
use crate::output::{Format, Render, Ui};

fn colored_status(s: Status, ui: &Ui) -> String {
    let t = ui.paint(s.upper());
    match s {
        Status::Ok => t.green().to_string(),
        Status::Warning => t.yellow().bold().to_string(),
        Status::Critical => t.red().bold().to_string(),
        Status::Unknown => t.magenta().bold().to_string(),
    }
}

/// The value column: the figure with its unit (`0.21 ms`, `85.3%`, `1h`, `12 clients`).
fn value_text(v: &serde_json::Value, unit: Option<Unit>) -> String {
    match v {
        serde_json::Value::Null => "-".into(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => match (n.as_f64(), unit) {
            (None, _) => n.to_string(),
            (Some(x), None) => num(x),
            (Some(x), Some(Unit::Percent)) => percent(x),
            (Some(x), Some(Unit::PerSecond)) => format!("{}/s", num(x)),
            (Some(x), Some(Unit::Bytes)) => super::judge::bytes(x),
            (Some(x), Some(Unit::Seconds)) if x >= 0.0 && x.is_finite() => {
                duration::format(std::time::Duration::from_secs_f64(x))
            }
            (Some(1.0), Some(u)) => format!("1 {}", u.singular()),
            (Some(x), Some(u)) => format!("{} {}", num(x), u.as_str()),
        },
        other => other.to_string(),
    }
}

/// A status cell; comfy-table styles it itself so the columns stay aligned.
fn status_cell(s: Status, ui: &Ui) -> Cell {
    let cell = Cell::new(s.upper());
    if !ui.color {
        return cell;
    }
    match s {
        Status::Ok => cell.fg(Color::Green),
        Status::Warning => cell.fg(Color::Yellow).add_attribute(Attribute::Bold),
        Status::Critical => cell.fg(Color::Red).add_attribute(Attribute::Bold),
        Status::Unknown => cell.fg(Color::Magenta).add_attribute(Attribute::Bold),
    }
}

fn section(
    w: &mut dyn Write,
    ui: &Ui,
    title: &str,
    status: Status,
    checks: &[Check],
) -> io::Result<()> {
    writeln!(w, "{}  {}", escape_str(title), colored_status(status, ui))?;
    let mut t = ui.table();
    if ui.color {
        t.enforce_styling();
    }
    t.set_header(vec!["  check", "status", "value", "threshold", "message"]);
    for c in checks {
        t.add_row(vec![
            Cell::new(format!("  {}", escape_str(&c.label()))),
            status_cell(c.status, ui),
            Cell::new(escape_str(&value_text(&c.value, c.unit))),
            Cell::new(c.threshold.as_deref().unwrap_or("")),
            Cell::new(escape_str(&c.message)),
        ]);
    }
    writeln!(w, "{t}")?;
    for c in checks {
        if let Some(d) = &c.detail {
            writeln!(w, "  {}:", escape_str(&c.label()))?;
            for line in d.lines() {
                writeln!(w, "    {}", escape_str(line))?;
            }
        }
    }
    writeln!(w)
}

impl crate::output::Formats for HealthReport {
    const FORMATS: &'static [Format] = &[
        Format::Table,
        Format::Json,
        Format::Ndjson,
        Format::Prometheus,
        Format::Nagios,
    ];
}

impl Render for HealthReport {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        writeln!(
            w,
            "{}: {} ({}, {:.0} ms{})",
            colored_status(self.status, ui),
            escape_str(&self.summary),
            escape_str(&self.target),
            self.duration_ms,
            self.refreshed
                .as_ref()
                .map(|r| format!(", {r}"))
                .unwrap_or_default()
        )?;
        writeln!(w)?;
        if let Some(c) = &self.cluster {
            section(w, ui, "cluster", c.status, &c.checks)?;
        }
        for n in &self.nodes {
            section(
                w,
                ui,
                &format!("{} ({})", n.addr, n.role),
                n.status,
                &n.checks,
            )?;
        }
        Ok(())
    }

    fn nagios(&self) -> Option<String> {
        Some(nagios(self))
    }

    fn prometheus(&self) -> Option<String> {
        Some(prometheus(self))
    }
}

/// The report under `-q`: in a table only the verdict line and the failing checks; every
/// other format as usual.
#[derive(Serialize)]
#[serde(transparent)]
pub struct Problems<'a>(pub &'a HealthReport);

impl crate::output::Formats for Problems<'_> {}

impl Render for Problems<'_> {
    fn table(&self, w: &mut dyn Write, ui: &Ui) -> io::Result<()> {
        let r = self.0;
        writeln!(
            w,
            "{}: {} ({}, {:.0} ms{})",
            colored_status(r.status, ui),
            escape_str(&r.summary),
            r.target,
            r.duration_ms,
            r.refreshed
                .as_ref()
                .map(|x| format!(", {x}"))
                .unwrap_or_default()
        )?;
        for (s, p) in r.problems() {
            writeln!(w, "  {}: {}", colored_status(s, ui), escape_str(&p))?;
        }
        Ok(())
    }

    fn ndjson_items(&self) -> Vec<serde_json::Value> {
        self.0.ndjson_items()
    }

    fn nagios(&self) -> Option<String> {
        self.0.nagios()
    }

    fn prometheus(&self) -> Option<String> {
        self.0.prometheus()
    }
}

/// Perfdata labels may hold anything but `'` and `=`.
fn perf_label(s: &str) -> String {
    escape_str(s).replace(['\'', '='], "_")
}

/// `REDIS CRITICAL - summary | 'label'=value[UOM];warn;crit;min;max ...`, then one line per
/// failing check (the plugin's long output).
pub fn nagios(r: &HealthReport) -> String {
    let single = r.nodes.len() == 1 && r.cluster.is_none();
    let mut perf = Vec::new();
    for n in &r.nodes {
        for c in &n.checks {
            for m in c.metrics.iter().filter(|m| m.uom.is_some()) {
                let uom = m.uom.unwrap_or("");
                // Metrics of one name for several streams or groups differ by their labels.
                let mut name = m.name.clone();
                if !m.labels.is_empty() {
                    let values: Vec<&str> = m.labels.iter().map(|(_, v)| v.as_str()).collect();
                    name = format!("{name} {}", values.join("/"));
                }
                let label = if single {
                    name
                } else {
                    format!("{} {name}", n.addr)
                };
                let max = if uom == "%" { "100" } else { "" };
                perf.push(format!(
                    "'{}'={}{uom};{};{};0;{max}",
                    perf_label(&label),
                    num(m.value),
                    m.warn.as_deref().unwrap_or(""),
                    m.crit.as_deref().unwrap_or("")
                ));
            }
        }
    }
    // The summary is one line and must not contain the perfdata separator.
    let summary = escape_str(&r.summary).replace('|', "/");
    let mut out = format!("REDIS {} - {summary}", r.status.upper());
    if !perf.is_empty() {
        out.push_str(" | ");
        out.push_str(&perf.join(" "));
    }
    out.push('\n');
    for (s, p) in r.problems() {
        let _ = writeln!(out, "{}: {}", s.upper(), escape_str(&p).replace('|', "/"));
    }
    out
}

/// A label value escaped for the exposition format (backslash, quote and newline, its own
/// escapes), other control characters first shown escaped as everywhere else.
fn esc(v: &str) -> String {
    let v: String = v
        .chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                escape_str(&c.to_string())
            } else {
                c.to_string()
            }
        })
        .collect();
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

struct Family {
    help: String,
    kind: &'static str,
    samples: Vec<String>,
}

fn labels(pairs: &[(&str, &str)]) -> String {
    let inner: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}=\"{}\"", esc(v)))
        .collect();
    format!("{{{}}}", inner.join(","))
}

/// A sample value at full precision (the shortest text that reads back as the same f64, as
/// redis_exporter writes them): a 204 µs p50 is `0.000203775`, 1 client of 10000 `0.0001`,
/// never rounded to 0. Infinities and NaN in the exposition format's spelling.
fn prom_value(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "+Inf" } else { "-Inf" }.into()
    } else {
        format!("{v}")
    }
}

/// The text exposition format: `# HELP`, `# TYPE`, then samples, one family per metric name.
/// `redkit_health_status` is 0/1/2/3 like the exit code, per node and (with `check`) per check.
pub fn prometheus(r: &HealthReport) -> String {
    let mut fams: BTreeMap<String, Family> = BTreeMap::new();
    let mut add = |name: &str, help: &str, l: String, v: f64| {
        let full = format!("redkit_{name}");
        let kind = if name.ends_with("_total") {
            "counter"
        } else {
            "gauge"
        };
        let f = fams.entry(full.clone()).or_insert_with(|| Family {
            help: help.to_string(),
            kind,
            samples: Vec::new(),
        });
        f.samples.push(format!("{full}{l} {}", prom_value(v)));
    };
    let status_help = "Health status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (per node; per check with a check label)";
    // A node's series carry its address; the cluster's own carry the seeds they were found
    // through (`seed`), never a pseudo-address in `addr`, so `addr` always joins with
    // redis_exporter's series.
    let seed = r.target.strip_prefix("cluster via ").unwrap_or(&r.target);
    type Labels<'a> = Vec<(&'a str, &'a str)>;
    let mut scopes: Vec<(Labels, Status, &[Check])> = Vec::new();
    if let Some(c) = &r.cluster {
        scopes.push((
            vec![("seed", seed), ("role", "cluster")],
            c.status,
            &c.checks,
        ));
    }
    for n in &r.nodes {
        scopes.push((
            vec![("addr", n.addr.as_str()), ("role", n.role.as_str())],
            n.status,
            &n.checks,
        ));
    }
    for (base, status, checks) in &scopes {
        add(
            "health_status",
            status_help,
            labels(base),
            f64::from(status.code()),
        );
        for c in checks.iter() {
            let mut l = base.clone();
            l.push(("check", c.name.name()));
            if let Some(s) = &c.subject {
                l.push(("subject", s));
            }
            add(
                "health_status",
                status_help,
                labels(&l),
                f64::from(c.status.code()),
            );
            for m in c.metrics.iter().filter(|m| m.prometheus) {
                let mut l = base.clone();
                l.extend(m.labels.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                add(&m.name, m.help, labels(&l), m.value);
            }
        }
    }
    add(
        "health_run_status",
        "Status of the whole run: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN",
        labels(&[("target", &r.target)]),
        f64::from(r.status.code()),
    );
    add(
        "health_duration_seconds",
        "How long the health run took",
        labels(&[("target", &r.target)]),
        r.duration_ms / 1000.0,
    );
    let mut out = String::new();
    for (name, f) in fams {
        let _ = writeln!(out, "# HELP {name} {}", f.help);
        let _ = writeln!(out, "# TYPE {name} {}", f.kind);
        for s in f.samples {
            out.push_str(&s);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::report::{CheckKind, Metric, Mode, NodeReport, Role};
    use super::*;

    fn report() -> HealthReport {
        let lat = Check::new(CheckKind::Latency, Status::Ok, 0.2)
            .unit(Unit::Ms)
            .message("median 0.20 ms")
            .metric(Metric::new("latency_median_ms", 0.2, "Median").perf(
                "ms",
                Some("100".into()),
                Some("500".into()),
            ));
        let mem = Check::new(CheckKind::Memory, Status::Critical, 95.0)
            .unit(Unit::Percent)
            .message("95.0% of maxmemory used")
            .metric(
                Metric::new("memory_used_percent", 95.0, "Pct")
                    .perf("%", Some("80".into()), Some("90".into()))
                    .perf_only(),
            );
        let n = NodeReport::new("127.0.0.1:6379".into(), Role::Master, vec![lat, mem]);
        HealthReport::new(
            "127.0.0.1:6379".into(),
            Mode::Standalone,
            None,
            vec![n],
            3.0,
        )
    }

    #[test]
    fn prometheus_values_keep_full_precision() {
        assert_eq!(prom_value(0.000203775), "0.000203775");
        assert_eq!(prom_value(0.0001), "0.0001");
        assert_eq!(prom_value(1e-9), "0.000000001");
        assert_eq!(prom_value(3.0), "3");
        assert_eq!(prom_value(1.5e15), "1500000000000000");
        assert_eq!(prom_value(f64::INFINITY), "+Inf");
        assert_eq!(prom_value(f64::NAN), "NaN");
        let mut r = report();
        r.nodes[0].checks[0].metrics.push(Metric::new(
            "latency_median_seconds",
            0.000203775,
            "Median",
        ));
        let text = prometheus(&r);
        assert!(
            text.contains(
                "redkit_latency_median_seconds{addr=\"127.0.0.1:6379\",role=\"master\"} 0.000203775\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn nagios_line() {
        let text = nagios(&report());
        let first = text.lines().next().unwrap();
        assert_eq!(
            first,
            "REDIS CRITICAL - 127.0.0.1:6379 memory: 95.0% of maxmemory used; 1 node CRITICAL \
             | 'latency_median_ms'=0.2ms;100;500;0; 'memory_used_percent'=95%;80;90;0;100"
        );
        assert!(text.contains("\nCRITICAL: 127.0.0.1:6379 memory: 95.0% of maxmemory used\n"));
    }

    #[test]
    fn prometheus_families() {
        let text = prometheus(&report());
        assert!(text.contains("# TYPE redkit_health_status gauge\n"));
        assert!(text.contains("redkit_health_status{addr=\"127.0.0.1:6379\",role=\"master\"} 2\n"));
        assert!(text.contains(
            "redkit_health_status{addr=\"127.0.0.1:6379\",role=\"master\",check=\"memory\"} 2\n"
        ));
        assert!(
            !text.contains("redkit_memory_used_percent"),
            "percent figures stay in perfdata: {text}"
        );
        assert_eq!(text.matches("# HELP redkit_health_status ").count(), 1);
    }

    #[test]
    fn table_has_verdict_first() {
        let text = crate::cmd::table_of(&report());
        assert!(
            text.starts_with(
                "CRITICAL: 127.0.0.1:6379 memory: 95.0% of maxmemory used; 1 node CRITICAL"
            ),
            "{text}"
        );
        assert!(text.contains("127.0.0.1:6379 (master)  CRITICAL"));
        assert!(text.contains("0.2 ms") && text.contains("95%"), "{text}");
    }

    #[test]
    fn quiet_table_is_verdict_and_problems() {
        let text = crate::cmd::table_of(&Problems(&report()));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert_eq!(
            lines[1],
            "  CRITICAL: 127.0.0.1:6379 memory: 95.0% of maxmemory used"
        );
        assert!(!text.contains("latency"), "{text}");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_str("plain"), "plain");
        assert_eq!(escape_str("a\x1b]0;t\x07b\r"), "a\\x1b]0;t\\x07b\\r");
        assert!(!esc("a\x1b[2J").contains('\x1b'));
    }

    #[test]
    fn values_carry_units() {
        let v = |x: f64| serde_json::json!(x);
        assert_eq!(value_text(&v(0.25), Some(Unit::Ms)), "0.25 ms");
        assert_eq!(value_text(&v(85.5), Some(Unit::Percent)), "85.5%");
        assert_eq!(value_text(&v(3600.0), Some(Unit::Seconds)), "1h");
        assert_eq!(value_text(&v(12.0), Some(Unit::Clients)), "12 clients");
        assert_eq!(value_text(&v(1.0), Some(Unit::Replicas)), "1 replica");
        assert_eq!(value_text(&v(-1.0), Some(Unit::Seconds)), "-1 s");
        assert_eq!(value_text(&serde_json::json!("up"), None), "up");
        assert_eq!(value_text(&serde_json::Value::Null, Some(Unit::Ms)), "-");
    }
}
