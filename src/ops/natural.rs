//! Names in the order people count them: runs of digits compare as numbers, so
//! `job_events:9` comes before `job_events:10`. The one tie-break of every listing of names.

use std::cmp::Ordering;

/// `a` against `b`, digit runs by value (then by length, so `01` and `1` stay apart), other
/// bytes as bytes. Equal only for equal bytes.
pub fn compare(a: &[u8], b: &[u8]) -> Ordering {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].is_ascii_digit() && b[j].is_ascii_digit() {
            let (ra, rb) = (run(&a[i..]), run(&b[j..]));
            let (va, vb) = (trim_zeros(ra), trim_zeros(rb));
            let by_value = va.len().cmp(&vb.len()).then_with(|| va.cmp(vb));
            let ord = by_value.then_with(|| ra.len().cmp(&rb.len()));
            if ord != Ordering::Equal {
                return ord;
            }
            i += ra.len();
            j += rb.len();
        } else {
            match a[i].cmp(&b[j]) {
                Ordering::Equal => {
                    i += 1;
                    j += 1;
                }
                ord => return ord,
            }
        }
    }
    (a.len() - i).cmp(&(b.len() - j))
}

fn run(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_digit()).count();
    &s[..n]
}

fn trim_zeros(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|&&b| b == b'0').count();
    &s[n..]
}

/// A name that sorts naturally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Natural(pub Box<[u8]>);

impl Ord for Natural {
    fn cmp(&self, other: &Natural) -> Ordering {
        compare(&self.0, &other.0)
    }
}

impl PartialOrd for Natural {
    fn partial_cmp(&self, other: &Natural) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_count_as_numbers() {
        let mut v = vec![
            "job_events:10",
            "job_events:9",
            "job_events:100",
            "job_events:09",
            "job_events:1a",
            "job_events:",
            "job_events:b",
            "a2b10",
            "a2b9",
        ];
        v.sort_by(|a, b| compare(a.as_bytes(), b.as_bytes()));
        assert_eq!(
            v,
            [
                "a2b9",
                "a2b10",
                "job_events:",
                "job_events:1a",
                "job_events:9",
                "job_events:09",
                "job_events:10",
                "job_events:100",
                "job_events:b",
            ]
        );
        assert_eq!(compare(b"x01", b"x01"), Ordering::Equal);
        assert_ne!(compare(b"x01", b"x1"), Ordering::Equal);
        // Runs longer than any integer type still compare.
        assert_eq!(
            compare(b"k99999999999999999999999", b"k100000000000000000000000"),
            Ordering::Less
        );
    }
}
