//! Figures and words written the same way everywhere: rates to three significant figures
//! (`3960/s`, not `3,962.1641/s`), plain digits without separators (so a figure a script reads
//! from JSON is found as is on the screen), and plurals that agree with their count.

/// `x` to three significant figures: `3960`, `396`, `39.6`, `3.96`, `0.396`; whole numbers at
/// and above 100, no trailing zeros (`8`, `2.5`).
pub fn sig3(x: f64) -> String {
    if !x.is_finite() {
        return "-".into();
    }
    if x == 0.0 {
        return "0".into();
    }
    let mag = x.abs().log10().floor() as i32;
    if mag >= 2 {
        let unit = 10f64.powi(mag - 2);
        return format!("{:.0}", (x / unit).round() * unit);
    }
    let decimals = (2 - mag) as usize;
    // Trailing zeros say nothing here: `8`, not `8.00`.
    let s = format!("{x:.decimals$}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A duration in microseconds to three significant figures with its unit, never more than
/// 6 columns, so the p99 cell (6 wide) never cuts the unit: `352µs`, `1.2ms`, `315ms`,
/// `1.6s`. The unit is chosen after rounding (`999.7µs` is `1ms`, not `1000µs`). `top`'s
/// columns and bench's live line write latencies so.
pub fn micros(us: f64) -> String {
    if us < 999.5 {
        format!("{}µs", sig3(us))
    } else if us < 999_500.0 {
        format!("{}ms", sig3(us / 1000.0))
    } else {
        format!("{}s", sig3(us / 1e6))
    }
}

/// A rate: `3960/s`.
pub fn rate(per_sec: f64) -> String {
    format!("{}/s", sig3(per_sec))
}

/// A percentage, written one way wherever it appears (a table's value column and the message
/// beside it): three significant figures (`85.3%`, `0.0123%`), and never `100%` for less.
pub fn percent(p: f64) -> String {
    let s = sig3(p);
    if p < 100.0 && s.parse::<f64>().is_ok_and(|v| v >= 100.0) {
        return "99.9%".into();
    }
    format!("{s}%")
}

/// A change in percent with its sign, written as [`percent`] writes the figure: `+45.3%`, `-2%`.
pub fn signed_percent(p: f64) -> String {
    if p > 0.0 {
        format!("+{}", percent(p))
    } else {
        percent(p)
    }
}

/// Milliseconds to three significant figures with the unit: `0.357 ms`, `1000 ms`.
pub fn millis(ms: f64) -> String {
    format!("{} ms", sig3(ms))
}

/// `1 job`, `2 jobs`, `0 jobs`.
pub fn plural(n: impl Into<u64>, word: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `1 entry`, `2 entries`: a plural that is not the word and an `s`.
pub fn plural_with(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages() {
        assert_eq!(percent(85.26), "85.3%");
        assert_eq!(percent(0.0123), "0.0123%");
        assert_eq!(percent(0.01), "0.01%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(99.96), "99.9%");
        assert_eq!(percent(100.0), "100%");
        assert_eq!(percent(250.0), "250%");
        assert_eq!(signed_percent(45.26), "+45.3%");
        assert_eq!(signed_percent(-2.0), "-2%");
        assert_eq!(signed_percent(0.0), "0%");
    }

    #[test]
    fn three_significant_figures() {
        assert_eq!(sig3(3962.1641), "3960");
        assert_eq!(sig3(128077.0), "128000");
        assert_eq!(sig3(396.2), "396");
        assert_eq!(sig3(39.62), "39.6");
        assert_eq!(sig3(3.962), "3.96");
        assert_eq!(sig3(0.3962), "0.396");
        assert_eq!(sig3(9.996), "10");
        assert_eq!(sig3(8.0), "8");
        assert_eq!(sig3(2.5), "2.5");
        assert_eq!(sig3(0.0), "0");
        assert_eq!(sig3(f64::NAN), "-");
        assert_eq!(rate(3962.1641), "3960/s");
    }

    #[test]
    fn plurals_agree() {
        assert_eq!(plural(1u64, "job"), "1 job");
        assert_eq!(plural(2u64, "job"), "2 jobs");
        assert_eq!(plural(0u64, "key"), "0 keys");
        assert_eq!(plural_with(1u64, "entry", "entries"), "1 entry");
        assert_eq!(plural_with(3u64, "entry", "entries"), "3 entries");
    }
}
