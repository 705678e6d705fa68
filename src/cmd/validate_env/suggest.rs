//! "Did you mean": the spec name a small edit away from a name that is set, and the name that
//! only differs by the byte-order mark an editor put before the file's first key.

/// The byte-order mark python-dotenv keeps as part of the first key (it opens the file as
/// plain `utf-8`, not `utf-8-sig`).
pub const BOM: char = '\u{feff}';

/// The candidates.
pub struct Near<'a> {
    names: Vec<&'a str>,
}

impl<'a> Near<'a> {
    pub fn new(names: impl Iterator<Item = &'a str>) -> Near<'a> {
        Near {
            names: names.collect(),
        }
    }

    /// The closest candidate within `allowed` edits (ties: the first), never the name itself.
    pub fn closest(&self, name: &str) -> Option<&'a str> {
        let mut best: Option<(usize, &'a str)> = None;
        for &c in &self.names {
            let max = allowed(name, c);
            if c == name || c.len().abs_diff(name.len()) > max {
                continue;
            }
            let d = distance(name, c, max);
            if d <= max && best.is_none_or(|(b, _)| d < b) {
                best = Some((d, c));
            }
        }
        best.map(|(_, c)| c)
    }

    /// The candidate that `name` is once a leading byte-order mark is dropped.
    pub fn behind_bom(&self, name: &str) -> Option<&'a str> {
        let bare = name.strip_prefix(BOM)?;
        self.names.iter().copied().find(|c| *c == bare)
    }
}

/// How many edits still read as a typo, by the shorter name: one up to four characters (in
/// `DB`, two edits reach `ID` or any other short name), two from five on; a name of one
/// character only by a letter added or dropped (`A` is not a typo of `B`).
fn allowed(a: &str, b: &str) -> usize {
    match a.len().min(b.len()) {
        0 | 1 => usize::from(a.len() != b.len()),
        2..=4 => 1,
        _ => 2,
    }
}

/// Edit distance over bytes (names are ASCII; case is not an edit), a swap of two neighbours
/// counting as one edit (`PROT` for `PORT`), stopping early past `max`.
fn distance(a: &str, b: &str, max: usize) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let same = |x: u8, y: u8| x.eq_ignore_ascii_case(&y);
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 0..a.len() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for j in 0..b.len() {
            let cost = usize::from(!same(a[i], b[j]));
            let mut d = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            if i > 0 && j > 0 && same(a[i], b[j - 1]) && same(a[i - 1], b[j]) {
                d = d.min(prev2[j - 1] + 1);
            }
            cur[j + 1] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return max + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_or_two_edits() {
        let n = Near::new(["JWT_SECRET_KEY", "QWEN_API_KEY", "REDIS_URL"].into_iter());
        assert_eq!(n.closest("JWT_SECRT_KEY"), Some("JWT_SECRET_KEY"));
        assert_eq!(n.closest("JWT_SECERT_KEY"), Some("JWT_SECRET_KEY"));
        assert_eq!(n.closest("JWT_SECRET_KY"), Some("JWT_SECRET_KEY"));
        assert_eq!(n.closest("jwt_secret_key"), Some("JWT_SECRET_KEY"));
        assert_eq!(n.closest("REDIS_URI"), Some("REDIS_URL"));
        assert_eq!(n.closest("DATABASE_URL"), None);
        assert_eq!(n.closest("REDIS_URL"), None);
    }

    #[test]
    fn short_names_take_one_edit_and_no_more() {
        let n = Near::new(["DB", "PORT", "TZ", "X"].into_iter());
        assert_eq!(n.closest("DV"), Some("DB"));
        assert_eq!(n.closest("D"), Some("DB"));
        assert_eq!(n.closest("DBB"), Some("DB"));
        assert_eq!(n.closest("db"), Some("DB"));
        assert_eq!(n.closest("PROT"), Some("PORT"));
        assert_eq!(n.closest("POR"), Some("PORT"));
        assert_eq!(n.closest("x"), Some("X"));
        assert_eq!(n.closest("tz"), Some("TZ"));
        // Two edits in a short name make any other name: no hint.
        for far in ["ID", "Y", "DBXY", "PT", "SORT_", "HOST", "A"] {
            assert_eq!(n.closest(far), None, "{far}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_named() {
        let n = Near::new(["JWT_SECRET_KEY"].into_iter());
        assert_eq!(
            n.behind_bom("\u{feff}JWT_SECRET_KEY"),
            Some("JWT_SECRET_KEY")
        );
        assert_eq!(n.behind_bom("JWT_SECRET_KEY"), None);
        assert_eq!(n.behind_bom("\u{feff}OTHER"), None);
    }
}
