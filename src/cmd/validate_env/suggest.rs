//! "Did you mean": the spec name one or two edits from a name that is set.

/// The candidates, grouped by length so a name is only compared with those it could be near.
pub struct Near<'a> {
    names: Vec<&'a str>,
}

impl<'a> Near<'a> {
    pub fn new(names: impl Iterator<Item = &'a str>) -> Near<'a> {
        Near {
            names: names.collect(),
        }
    }

    /// The closest candidate within two edits (ties: the first), never the name itself.
    pub fn closest(&self, name: &str) -> Option<&'a str> {
        let mut best: Option<(usize, &'a str)> = None;
        for &c in &self.names {
            if c == name || c.len().abs_diff(name.len()) > 2 {
                continue;
            }
            let d = distance(name, c, 2);
            if d <= 2 && best.is_none_or(|(b, _)| d < b) {
                best = Some((d, c));
            }
        }
        best.map(|(_, c)| c)
    }
}

/// Levenshtein distance over bytes (names are ASCII), stopping early past `max`.
fn distance(a: &str, b: &str, max: usize) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(!ca.eq_ignore_ascii_case(&cb));
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return max + 1;
        }
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
        assert_eq!(n.closest("jwt_secret_key"), Some("JWT_SECRET_KEY"));
        assert_eq!(n.closest("REDIS_URI"), Some("REDIS_URL"));
        assert_eq!(n.closest("DATABASE_URL"), None);
        assert_eq!(n.closest("REDIS_URL"), None);
    }
}
