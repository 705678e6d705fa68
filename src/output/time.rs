//! Times as people read them in a table: compact, in the local zone, with the zone said once
//! in the column's header (`started (UTC+01:00)`), and ages as `5m ago`. JSON never comes
//! here: it keeps full RFC 3339 with milliseconds.

use chrono::{DateTime, Datelike, FixedOffset, Local, TimeZone, Utc};

/// A time, compact against `now`: `19:40:40` today, `Nov 30 19:40` this year, `2025-11-30`
/// before (and after: a clock ahead shows its date). Unrepresentable times show as `-`.
pub fn compact_in<Tz: TimeZone>(ms: u64, now_ms: u64, tz: &Tz) -> String
where
    Tz::Offset: Copy + std::fmt::Display,
{
    let (Some(t), Some(now)) = (at(ms, tz), at(now_ms, tz)) else {
        return "-".into();
    };
    if t.date_naive() == now.date_naive() {
        t.format("%H:%M:%S").to_string()
    } else if t.year() == now.year() && t <= now {
        t.format("%b %d %H:%M").to_string()
    } else {
        t.format("%Y-%m-%d").to_string()
    }
}

fn at<Tz: TimeZone>(ms: u64, tz: &Tz) -> Option<DateTime<Tz>> {
    let ms = i64::try_from(ms).ok()?;
    match tz.timestamp_millis_opt(ms) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => Some(t),
        chrono::LocalResult::None => None,
    }
}

/// [`compact_in`] in the local zone, against the clock.
pub fn compact(ms: u64) -> String {
    compact_in(ms, now_ms(), &Local)
}

/// The zone, for a header: `UTC`, `UTC+01:00`, `UTC-05:30`.
pub fn zone_of(offset: FixedOffset) -> String {
    let secs = offset.local_minus_utc();
    if secs == 0 {
        return "UTC".into();
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
}

/// The local zone now, for a header.
pub fn zone() -> String {
    zone_of(*Local::now().offset())
}

/// A header naming the zone its times are in: `started (UTC+01:00)`.
pub fn header(name: &str) -> String {
    format!("{name} ({})", zone())
}

/// How long ago, in the largest unit that is at least one: `40s ago`, `5m ago`, `3h ago`,
/// `2d ago`; `now` under a second. A time ahead of the clock reads `in 5m`.
pub fn ago(ms: u64, now_ms: u64) -> String {
    if ms > now_ms {
        return format!("in {}", span(ms - now_ms));
    }
    let d = now_ms - ms;
    if d < 1000 {
        return "now".into();
    }
    format!("{} ago", span(d))
}

/// A length of time in its largest whole unit: `40s`, `5m`, `3h`, `2d`.
pub fn span(ms: u64) -> String {
    let s = ms / 1000;
    match s {
        0 => format!("{ms}ms"),
        1..60 => format!("{s}s"),
        60..3600 => format!("{}m", s / 60),
        3600..86400 => format!("{}h", s / 3600),
        _ => format!("{}d", s / 86400),
    }
}

/// Milliseconds since the epoch, now.
pub fn now_ms() -> u64 {
    u64::try_from(Utc::now().timestamp_millis()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_796_154_040_661; // 2026-12-01 19:40:40.661 UTC

    #[test]
    fn today_this_year_and_before() {
        let utc = FixedOffset::east_opt(0).unwrap();
        assert_eq!(compact_in(NOW - 5_000, NOW, &utc), "19:40:35");
        assert_eq!(compact_in(NOW - 86_400_000, NOW, &utc), "Nov 30 19:40");
        assert_eq!(compact_in(NOW - 400 * 86_400_000, NOW, &utc), "2025-10-27");
        assert_eq!(compact_in(NOW + 40 * 86_400_000, NOW, &utc), "2027-01-10");
        assert_eq!(compact_in(u64::MAX, NOW, &utc), "-");
        // The day is the local one: 19:40 UTC is already tomorrow in UTC+05:00.
        let plus5 = FixedOffset::east_opt(5 * 3600).unwrap();
        assert_eq!(compact_in(NOW, NOW, &plus5), "00:40:40");
        assert_eq!(compact_in(NOW - 3_600_000, NOW, &plus5), "Dec 01 23:40");
    }

    #[test]
    fn zones_and_ages() {
        assert_eq!(zone_of(FixedOffset::east_opt(0).unwrap()), "UTC");
        assert_eq!(zone_of(FixedOffset::east_opt(3600).unwrap()), "UTC+01:00");
        assert_eq!(
            zone_of(FixedOffset::west_opt(5 * 3600 + 1800).unwrap()),
            "UTC-05:30"
        );
        assert_eq!(ago(NOW - 300_000, NOW), "5m ago");
        assert_eq!(ago(NOW - 40_000, NOW), "40s ago");
        assert_eq!(ago(NOW - 3 * 3_600_000 - 5, NOW), "3h ago");
        assert_eq!(ago(NOW - 2 * 86_400_000, NOW), "2d ago");
        assert_eq!(ago(NOW - 10, NOW), "now");
        assert_eq!(ago(NOW + 300_000, NOW), "in 5m");
    }
}
